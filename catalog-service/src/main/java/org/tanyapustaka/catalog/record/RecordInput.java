package org.tanyapustaka.catalog.record;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** A record as librarians write it over REST. */
public record RecordInput(
        @NotBlank @Size(max = 1000) String title,
        @Size(max = 1000) String subtitle,
        List<@NotBlank @Size(max = 300) String> authors,
        @Size(max = 300) String publisher,
        @Size(max = 200) String place,
        @Min(1000) @Max(2200) Integer year,
        List<@NotBlank @Size(max = 20) String> isbns,
        @Size(max = 3) String language,
        List<@NotBlank @Size(max = 300) String> subjects,
        @Size(max = 100) String callNumber,
        @Size(max = 10000) String summary,
        @Valid List<CopyInput> copies) {

    public record CopyInput(@NotBlank @Size(max = 100) String barcode, @Size(max = 100) String callNumber,
            @Size(max = 200) String location, Copy.Status status, LocalDate dueDate) {
    }
}
