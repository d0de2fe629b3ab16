package org.tanyapustaka.analytics.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.tanyapustaka.events.problem.ProblemException;

/**
 * The range of a figure — {@code from} to {@code to}, whole Asia/Jakarta days, both included — and how it is
 * grouped. {@code grouping} is null for figures over the whole range (one bucket, labelled {@link #WHOLE_RANGE}).
 */
public record Period(LocalDate from, LocalDate to, Grouping grouping) {

    public static final ZoneId LIBRARY_TIME = ZoneId.of("Asia/Jakarta");
    public static final String WHOLE_RANGE = "range";
    /** Longest range of any figure: a year (a leap year included). */
    public static final int MAX_DAYS = 366;
    /** Longest range grouped by hour: a month (744 buckets). */
    public static final int MAX_HOURLY_DAYS = 31;
    public static final int DEFAULT_DAYS = 30;

    /**
     * Reads the query parameters. No {@code to}: today; no {@code from}: 30 days up to {@code to}; no
     * {@code group}: {@code defaultGrouping}. Anything unreadable or out of bounds is a {@link ProblemException} (400).
     */
    public static Period parse(String from, String to, String group, Grouping defaultGrouping) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(LIBRARY_TIME) : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("Invalid range", "'from' (" + start + ") is after 'to' (" + end + ").");
        }
        Grouping grouping = defaultGrouping;
        if (group != null && !group.isBlank()) {
            grouping = Grouping.parse(group);
            if (grouping == null) {
                throw ProblemException.badRequest("Unknown grouping",
                        "'group' must be one of hour, day, week, month; not '" + group + "'.");
            }
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > MAX_DAYS) {
            throw ProblemException.badRequest("Range too long", "A range covers at most " + MAX_DAYS + " days; this one has " + days + ".");
        }
        if (grouping == Grouping.HOUR && days > MAX_HOURLY_DAYS) {
            throw ProblemException.badRequest("Range too long", "Grouped by hour, a range covers at most " + MAX_HOURLY_DAYS
                    + " days; this one has " + days + ". Group by day, week or month instead.");
        }
        return new Period(start, end, grouping);
    }

    /** The same range as one bucket. */
    public Period whole() {
        return new Period(from, to, null);
    }

    public Instant start() {
        return from.atStartOfDay(LIBRARY_TIME).toInstant();
    }

    /** The first instant after the range. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(LIBRARY_TIME).toInstant();
    }

    public List<String> labels() {
        return grouping == null ? List.of(WHOLE_RANGE) : grouping.labels(from, to);
    }

    /** SQL for the bucket label of a {@code timestamptz} column. */
    public String bucketOf(String instantColumn) {
        return grouping == null ? "'" + WHOLE_RANGE + "'"
                : grouping.sqlLabel("(" + instantColumn + " AT TIME ZONE 'Asia/Jakarta')");
    }

    /** SQL for the bucket label of a {@code date} column that holds a Jakarta date. */
    public String bucketOfDate(String dateColumn) {
        return grouping == null ? "'" + WHOLE_RANGE + "'" : grouping.sqlLabel("CAST(" + dateColumn + " AS timestamp)");
    }

    /**
     * SQL for the start of the bucket of a row that has both its instant and its Jakarta day (a stored column): a
     * Jakarta {@code timestamp} to group on, cheaper than the label; from the day, or from the instant when grouped
     * by hour; null for the whole range. {@link #labelOf} turns it into the label once per bucket.
     */
    public String bucketStart(String instantColumn, String dayColumn) {
        if (grouping == null) {
            return "CAST(NULL AS timestamp)";
        }
        return "date_trunc('" + grouping.unit() + "', " + (grouping == Grouping.HOUR
                ? "(" + instantColumn + " AT TIME ZONE 'Asia/Jakarta')" : "CAST(" + dayColumn + " AS timestamp)") + ")";
    }

    /** SQL for the label of a bucket start (see {@link #bucketStart}). */
    public String labelOf(String bucketStartColumn) {
        return grouping == null ? "'" + WHOLE_RANGE + "'" : grouping.sqlLabel(bucketStartColumn);
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("Invalid date", "'" + name + "' must be a date like 2026-11-28, not '" + value + "'.");
        }
    }
}
