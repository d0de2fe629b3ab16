package org.tanyapustaka.catalog.record;

import java.time.LocalDate;
import java.util.List;

/** A record as the OPAC and librarians see it, with its copies. */
public record RecordView(long id, String source, String sourceId, String title, String subtitle, List<String> authors,
        String publisher, String place, Integer year, List<String> isbns, String language, List<String> subjects,
        String callNumber, String summary, int copiesAvailable, List<CopyView> copies) {

    public record CopyView(long id, String barcode, String callNumber, String location, Copy.Status status,
            LocalDate dueDate) {
    }

    public static RecordView of(CatalogRecord r) {
        List<CopyView> copies = r.copies.stream()
                .map(c -> new CopyView(c.id, c.barcode, c.callNumber, c.location, c.status, c.dueDate)).toList();
        int available = (int) r.copies.stream().filter(c -> c.status == Copy.Status.AVAILABLE).count();
        return new RecordView(r.id, r.source, r.sourceId, r.title, r.subtitle, List.of(r.authors), r.publisher, r.place,
                r.year, List.of(r.isbns), r.language, List.of(r.subjects), r.callNumber, r.summary, available, copies);
    }
}
