package org.tanyapustaka.catalog.record;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tanyapustaka.catalog.imports.BibRecord;

/**
 * Writes to the catalogue. Importing the same data twice updates, never duplicates: a record is found by its
 * source and source id, and failing that by a shared ISBN; copies are matched by barcode.
 */
@ApplicationScoped
public class CatalogRecords {

    /**
     * Files a library exports from its own system (MARC, MARCXML, MARC-JSON, the CSV exports): their source ids
     * are the library's own record numbers, whatever the format, so a record exported as CSV one night and as
     * MARCXML the next is the same record.
     */
    private static final List<String> FILE_SOURCES = List.of("marc", "marcxml", "marcjson", "slims-csv",
            "catalogue-csv");

    /** What an upsert did. */
    public enum Effect {
        CREATED, UPDATED, DELETED
    }

    @Transactional
    public Effect upsert(BibRecord in) {
        Optional<CatalogRecord> existing = in.sourceId() == null ? Optional.empty()
                : CatalogRecord.findBySource(in.source(), in.sourceId());
        if (in.deleted()) {
            existing.ifPresent(CatalogRecord::delete);
            return Effect.DELETED; // idempotent: the record is not in the catalogue, whether it was before or not
        }
        String[] isbns = in.isbns() == null ? new String[0] : in.isbns().toArray(String[]::new);
        if (existing.isEmpty()) {
            existing = CatalogRecord.findByAnyIsbn(isbns);
        }
        if (existing.isEmpty()) {
            existing = CatalogRecord.findByAnyBarcode(in.copies().stream().map(BibRecord.Copy::barcode)
                    .filter(b -> b != null && !b.isBlank()).toList(), in.source());
        }
        if (existing.isEmpty() && in.sourceId() != null && FILE_SOURCES.contains(in.source())) {
            existing = CatalogRecord.findByFileSourceId(FILE_SOURCES, in.sourceId(), in.title());
        }
        CatalogRecord record = existing.orElseGet(CatalogRecord::new);
        boolean created = record.id == null;
        if (created) {
            record.source = in.source();
            record.sourceId = in.sourceId();
        }
        record.title = in.title();
        record.subtitle = in.subtitle();
        record.authors = array(in.authors());
        record.publisher = in.publisher();
        record.place = in.place();
        record.year = in.year();
        record.isbns = isbns;
        record.language = in.language();
        record.subjects = array(in.subjects());
        record.callNumber = in.callNumber();
        record.summary = in.summary();
        List<CopySpec> copies = new ArrayList<>();
        int n = 0;
        for (BibRecord.Copy c : in.copies() == null ? List.<BibRecord.Copy>of() : in.copies()) {
            n++;
            // Holdings without a barcode (common in MARC 852) get a stable one from the record and their position.
            String barcode = c.barcode() != null && !c.barcode().isBlank() ? c.barcode()
                    : in.sourceId() == null ? null : in.source() + ":" + in.sourceId() + "#" + n;
            copies.add(new CopySpec(barcode, c.callNumber(), c.location(),
                    c.status() == null ? Copy.Status.AVAILABLE : Copy.Status.valueOf(c.status().name()), c.dueDate()));
        }
        if (created) {
            record.persist();
        }
        // A record that lists its holdings lists all of them: the copies it no longer lists were removed. One
        // that lists none (a MARC export without items, Dublin Core) says nothing about them: they stay.
        mergeCopies(record, copies, !copies.isEmpty());
        return created ? Effect.CREATED : Effect.UPDATED;
    }

    @Transactional
    public CatalogRecord create(RecordInput input) {
        CatalogRecord record = new CatalogRecord();
        record.source = "manual";
        apply(record, input);
        record.persist();
        mergeCopies(record, copySpecs(input), true);
        CatalogRecord.flush(); // ids for the new copies
        return record;
    }

    @Transactional
    public Optional<CatalogRecord> update(long id, RecordInput input) {
        Optional<CatalogRecord> found = CatalogRecord.findByIdOptional(id);
        found.ifPresent(record -> {
            apply(record, input);
            if (input.copies() != null) {
                mergeCopies(record, copySpecs(input), true);
            }
            CatalogRecord.flush();
        });
        return found;
    }

    private record CopySpec(String barcode, String callNumber, String location, Copy.Status status,
            java.time.LocalDate dueDate) {
    }

    private static List<CopySpec> copySpecs(RecordInput input) {
        return input.copies() == null ? List.of() : input.copies().stream()
                .map(c -> new CopySpec(c.barcode(), c.callNumber(), c.location(),
                        c.status() == null ? Copy.Status.AVAILABLE : c.status(), c.dueDate()))
                .toList();
    }

    /**
     * Copies matched by barcode are updated, new ones added; with {@code removeMissing} the copies not listed
     * are removed (a librarian's edit), otherwise kept (an import that lists only some holdings).
     */
    private static void mergeCopies(CatalogRecord record, List<CopySpec> copies, boolean removeMissing) {
        Map<String, Copy> byBarcode = new HashMap<>();
        record.copies.forEach(c -> byBarcode.put(c.barcode, c));
        List<String> listed = new ArrayList<>();
        for (CopySpec spec : copies) {
            if (spec.barcode() == null || spec.barcode().isBlank()) {
                continue;
            }
            listed.add(spec.barcode());
            Copy copy = byBarcode.get(spec.barcode());
            if (copy == null) {
                Copy elsewhere = Copy.find("barcode", spec.barcode()).firstResult();
                if (elsewhere != null && elsewhere.record != record) {
                    // The barcode moved to this record. The old record's copy is removed (orphan removal) and
                    // the removal written before the copy is added here: the barcode is unique, and an entity
                    // being removed cannot be persisted again through this record's cascade.
                    elsewhere.record.copies.remove(elsewhere);
                    Copy.flush();
                } else {
                    copy = elsewhere;
                }
            }
            if (copy == null) {
                copy = new Copy();
                copy.record = record;
                copy.barcode = spec.barcode();
                record.copies.add(copy);
            }
            byBarcode.put(copy.barcode, copy);
            copy.callNumber = spec.callNumber() != null ? spec.callNumber() : record.callNumber;
            copy.location = spec.location();
            copy.status = spec.status();
            copy.dueDate = spec.dueDate();
        }
        if (removeMissing) {
            record.copies.removeIf(c -> !listed.contains(c.barcode));
        }
    }

    private static void apply(CatalogRecord record, RecordInput input) {
        record.title = input.title().strip();
        record.subtitle = input.subtitle();
        record.authors = array(input.authors());
        record.publisher = input.publisher();
        record.place = input.place();
        record.year = input.year();
        record.isbns = input.isbns() == null ? new String[0]
                : input.isbns().stream().map(i -> i.replaceAll("[^0-9Xx]", "").toUpperCase()).toArray(String[]::new);
        record.language = input.language();
        record.subjects = array(input.subjects());
        record.callNumber = input.callNumber();
        record.summary = input.summary();
    }

    private static String[] array(List<String> values) {
        return values == null ? new String[0] : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip)
                .toArray(String[]::new);
    }
}
