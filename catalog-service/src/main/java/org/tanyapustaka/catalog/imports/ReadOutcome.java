package org.tanyapustaka.catalog.imports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What reading one record of an import gave: either a {@link BibRecord} or the reason it could not be read.
 * Readers never throw for a bad record; they report it here and go on with the next one.
 *
 * @param position 1-based number of the record in the file or harvest (for CSV: the data row, header excluded)
 * @param sourceId the record's identifier when it is known, also for failures (MARC 001, OAI identifier, CSV id)
 * @param record   the record read, or {@code null} for a failure
 * @param failure  for a failure, a human-readable reason that says what is wrong and where, starting with the
 *                 place (e.g. {@code "record 3: invalid leader (length 'abcde' is not a number)"} or
 *                 {@code "line 12: expected 13 columns, found 9"}); {@code null} for a success
 * @param warnings problems that were repaired or ignored while reading a successful record (e.g. a field
 *                 without a tag that was skipped); empty when there were none
 */
public record ReadOutcome(int position, String sourceId, BibRecord record, String failure, List<String> warnings) {

    public ReadOutcome {
        if ((record == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of record and failure must be given");
        }
        warnings = tidy(warnings);
    }

    private static final int MAX_WARNINGS = 12;
    private static final int MAX_WARNING_LENGTH = 240;

    /** Distinct warnings, each at most a line long, at most a dozen (then a count of the rest). */
    private static List<String> tidy(List<String> warnings) {
        if (warnings == null || warnings.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String w : warnings) {
            if (w != null && !w.isBlank()) {
                String line = w.strip();
                distinct.add(line.length() > MAX_WARNING_LENGTH ? line.substring(0, MAX_WARNING_LENGTH - 1) + "…" : line);
            }
        }
        List<String> result = new ArrayList<>(distinct);
        if (result.size() > MAX_WARNINGS) {
            int more = result.size() - (MAX_WARNINGS - 1);
            result = new ArrayList<>(result.subList(0, MAX_WARNINGS - 1));
            result.add("and " + more + " more warnings");
        }
        return List.copyOf(result);
    }

    public static ReadOutcome success(int position, BibRecord record) {
        return success(position, record, List.of());
    }

    public static ReadOutcome success(int position, BibRecord record, List<String> warnings) {
        Objects.requireNonNull(record, "record");
        return new ReadOutcome(position, record.sourceId(), record, null, warnings);
    }

    public static ReadOutcome failure(int position, String sourceId, String reason) {
        Objects.requireNonNull(reason, "reason");
        return new ReadOutcome(position, sourceId, null, reason, List.of());
    }

    /** Whether a record was read. */
    public boolean ok() {
        return record != null;
    }
}
