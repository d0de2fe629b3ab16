package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/** A search the catalog performed ({@code catalog.searches}, key = waId), for collection development. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogSearchPerformed(UUID id, String waId, String query, List<String> normalizedTerms, int hits,
        long tookMs) {
}
