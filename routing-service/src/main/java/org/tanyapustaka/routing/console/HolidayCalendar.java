package org.tanyapustaka.routing.console;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closed dates from an iCalendar file (RFC 5545), e.g. Indonesia's national holidays and cuti bersama as a calendar
 * application exports them: every day of every {@code VEVENT} (from {@code DTSTART} up to, not including, an all-day
 * {@code DTEND}), with its {@code SUMMARY} as the reason.
 */
final class HolidayCalendar {

    /** The longest event taken (a longer one is surely no holiday: a semester, a whole year). */
    static final int MAX_DAYS = 31;
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    /** The file is no iCalendar, or an event in it cannot be read. */
    static final class NotACalendar extends Exception {
        NotACalendar(String message) {
            super(message);
        }
    }

    private HolidayCalendar() {
    }

    /** Day → reason, in the file's order; the first event of a day wins. */
    static Map<LocalDate, String> closedDays(String text) throws NotACalendar {
        List<String> lines = unfold(text);
        if (lines.isEmpty() || !lines.get(0).strip().equalsIgnoreCase("BEGIN:VCALENDAR")) {
            throw new NotACalendar("not an iCalendar file (it does not begin with BEGIN:VCALENDAR)");
        }
        Map<LocalDate, String> days = new LinkedHashMap<>();
        String start = null;
        String end = null;
        String summary = null;
        boolean inEvent = false;
        int event = 0;
        for (String folded : lines) {
            String line = folded.strip();
            String upper = line.toUpperCase(java.util.Locale.ROOT);
            if (upper.equals("BEGIN:VEVENT")) {
                inEvent = true;
                event++;
                start = end = summary = null;
            } else if (upper.equals("END:VEVENT") && inEvent) {
                inEvent = false;
                if (start == null) {
                    throw new NotACalendar("event " + event + " has no DTSTART");
                }
                LocalDate first = date(start, event);
                LocalDate last = end == null || end.length() > 8 ? first : date(end, event).minusDays(1);
                if (last.isBefore(first)) {
                    last = first;
                }
                if (first.plusDays(MAX_DAYS).isBefore(last)) {
                    throw new NotACalendar("event " + event + " lasts more than " + MAX_DAYS + " days");
                }
                String reason = summary == null || summary.isBlank() ? "Libur" : summary.strip();
                for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                    days.putIfAbsent(d, reason.length() > 200 ? reason.substring(0, 200) : reason);
                }
            } else if (inEvent) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = upper.substring(0, colon).split(";", 2)[0];
                String value = folded.substring(folded.indexOf(':') + 1).strip();
                switch (name) {
                    case "DTSTART" -> start = value;
                    case "DTEND" -> end = value;
                    case "SUMMARY" -> summary = value.replace("\\n", " ").replace("\\N", " ").replace("\\,", ",")
                            .replace("\\;", ";").replace("\\\\", "\\");
                    default -> {
                    }
                }
            }
        }
        if (!lines.get(lines.size() - 1).strip().equalsIgnoreCase("END:VCALENDAR")) {
            throw new NotACalendar("the file ends before END:VCALENDAR (cut off?)");
        }
        return days;
    }

    private static LocalDate date(String value, int event) throws NotACalendar {
        String day = value.length() >= 8 ? value.substring(0, 8) : value;
        try {
            return LocalDate.parse(day, BASIC);
        } catch (DateTimeParseException e) {
            throw new NotACalendar("event " + event + " has a date that cannot be read: " + value);
        }
    }

    /** The content lines, long lines unfolded (a line starting with a space or tab continues the one before). */
    private static List<String> unfold(String text) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.replace("\uFEFF", "").split("\r?\n")) {
            if ((raw.startsWith(" ") || raw.startsWith("\t")) && !lines.isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + raw.substring(1));
            } else if (!raw.isBlank()) {
                lines.add(raw.stripLeading());
            }
        }
        return lines;
    }
}
