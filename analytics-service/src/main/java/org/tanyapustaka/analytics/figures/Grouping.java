package org.tanyapustaka.analytics.figures;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a figure's range is cut into buckets, in library time (Asia/Jakarta). Buckets are labelled by their start:
 * {@code 2026-11-28T09:00} (hour), {@code 2026-11-28} (day; week: its Monday), {@code 2026-11} (month).
 */
public enum Grouping {
    HOUR("hour", "YYYY-MM-DD\"T\"HH24:00"),
    DAY("day", "YYYY-MM-DD"),
    WEEK("week", "YYYY-MM-DD"),
    MONTH("month", "YYYY-MM");

    private final String unit;
    private final String sqlFormat;

    Grouping(String unit, String sqlFormat) {
        this.unit = unit;
        this.sqlFormat = sqlFormat;
    }

    public String unit() {
        return unit;
    }

    /** The bucket label of a Jakarta local {@code timestamp} expression, in SQL. */
    public String sqlLabel(String localTimestamp) {
        return "to_char(date_trunc('" + unit + "', " + localTimestamp + "), '" + sqlFormat + "')";
    }

    public static Grouping parse(String value) {
        for (Grouping grouping : values()) {
            if (grouping.unit.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return grouping;
            }
        }
        return null;
    }

    /** Every bucket label that overlaps {@code from}..{@code to}, in order. */
    public List<String> labels(LocalDate from, LocalDate to) {
        List<String> labels = new ArrayList<>();
        switch (this) {
            case HOUR:
                for (LocalDateTime t = from.atStartOfDay(); t.isBefore(to.plusDays(1).atStartOfDay()); t = t.plusHours(1)) {
                    labels.add(label(t));
                }
                break;
            case DAY:
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    labels.add(d.toString());
                }
                break;
            case WEEK:
                for (LocalDate d = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !d.isAfter(to); d = d.plusWeeks(1)) {
                    labels.add(d.toString());
                }
                break;
            default:
                for (LocalDate d = from.withDayOfMonth(1); !d.isAfter(to); d = d.plusMonths(1)) {
                    labels.add(d.toString().substring(0, 7));
                }
        }
        return labels;
    }

    /** The label of the bucket that starts on {@code start} (day, week and month groupings). */
    public String label(LocalDate start) {
        return this == MONTH ? start.toString().substring(0, 7) : start.toString();
    }

    /** The first day of the bucket that holds {@code day} (day, week and month groupings). */
    public LocalDate startOf(LocalDate day) {
        switch (this) {
            case WEEK:
                return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH:
                return day.withDayOfMonth(1);
            default:
                return day;
        }
    }

    /** The last day of the bucket that starts on {@code start} (day, week and month groupings). */
    public LocalDate endOf(LocalDate start) {
        switch (this) {
            case WEEK:
                return start.plusDays(6);
            case MONTH:
                return start.plusMonths(1).minusDays(1);
            default:
                return start;
        }
    }

    private static String label(LocalDateTime t) {
        return String.format(Locale.ROOT, "%sT%02d:00", t.toLocalDate(), t.getHour());
    }
}
