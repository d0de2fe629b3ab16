package org.tanyapustaka.catalog.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits CSV text into rows one at a time, so that one malformed row is reported and the next row is read as
 * usual. A row may span several lines inside a quoted field; a quote that is never closed costs only its own
 * line. Fields are parsed by Commons CSV (RFC 4180) and, when that fails, leniently: a quote ends a field only
 * when a separator or the end of the row follows it, which is how SLiMS writes titles that contain quotes.
 */
final class CsvRows {

    /** A row that spans more lines than this is taken to be an unterminated quote. */
    private static final int MAX_LINES_PER_ROW = 50;
    private static final int MAX_CHARS_PER_ROW = 256 * 1024;

    /** One row: the line it starts on, its fields (or why it has none) and what was repaired. */
    record Row(int line, List<String> fields, String problem, String warning) {
    }

    private record Line(int number, String text) {
    }

    private final BufferedReader reader;
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private char delimiter;
    private boolean delimiterKnown;
    private int lastLine;
    private int expectedColumns;
    private CSVFormat format;

    CsvRows(BufferedReader reader) {
        this.reader = reader;
    }

    CsvRows(BufferedReader reader, char delimiter) {
        this.reader = reader;
        this.delimiter = delimiter;
        this.delimiterKnown = true;
    }

    /** Once the header is known: lets a stray quote be judged by whether its line alone has the right columns. */
    void expectColumns(int columns) {
        this.expectedColumns = columns;
    }

    /** The next non-blank row, or {@code null} at the end of the text. */
    Row next() throws IOException {
        Line first = readLine();
        while (first != null && first.text().isBlank()) {
            first = readLine();
        }
        if (first == null) {
            return null;
        }
        if (!delimiterKnown) {
            delimiter = guessDelimiter(first.text());
            delimiterKnown = true;
        }
        if (!endsInsideQuotes(first.text())) {
            return parse(first.number(), first.text());
        }
        List<Line> consumed = new ArrayList<>();
        StringBuilder text = new StringBuilder(first.text());
        while (consumed.size() < MAX_LINES_PER_ROW && text.length() < MAX_CHARS_PER_ROW) {
            Line more = readLine();
            if (more == null) {
                break;
            }
            consumed.add(more);
            text.append('\n').append(more.text());
            if (!endsInsideQuotes(text)) {
                Row joined = parse(first.number(), text.toString());
                if (expectedColumns <= 0 || fits(joined.fields())) {
                    return joined;
                }
                break; // the quotes paired up with another broken row: judge the first line alone
            }
        }
        // never closed: give the following lines back and judge the first line on its own
        for (int i = consumed.size() - 1; i >= 0; i--) {
            pushedBack.push(consumed.get(i));
        }
        List<String> lenient = lenient(first.text());
        if (lenient != null) {
            return new Row(first.number(), lenient, null,
                    "a quote in this line is not closed or not doubled; the line was read on its own");
        }
        return new Row(first.number(), null, "a quoted field is opened but never closed", null);
    }

    /** Whether a row has the expected columns (surplus empty columns at the end are tolerated). */
    private boolean fits(List<String> fields) {
        if (fields == null || fields.size() < expectedColumns) {
            return false;
        }
        for (int i = expectedColumns; i < fields.size(); i++) {
            if (!fields.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private Row parse(int line, String text) {
        try (CSVParser parser = CSVParser.parse(text, format())) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() == 1) {
                List<String> fields = new ArrayList<>();
                records.get(0).forEach(fields::add);
                return new Row(line, fields, null, null);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // not RFC 4180: try the lenient reading below
        }
        List<String> lenient = lenient(text);
        if (lenient != null) {
            return new Row(line, lenient, null, "quotes inside a field are not doubled; the row was read leniently");
        }
        return new Row(line, null, "the quotes in this row do not pair up", null);
    }

    private CSVFormat format() {
        if (format == null || format.getDelimiterString().charAt(0) != delimiter) {
            format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuote('"').setIgnoreEmptyLines(false)
                    .setTrim(false).get();
        }
        return format;
    }

    /**
     * Fields split at delimiters outside quotes, where a quoted field ends only at a quote followed by the
     * delimiter or the end of the text; {@code null} if even that does not work.
     */
    List<String> lenient(String text) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            StringBuilder field = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                int j = i + 1;
                int close = -1;
                while (j < n) {
                    if (text.charAt(j) == '"' && (j + 1 == n || text.charAt(j + 1) == delimiter)) {
                        close = j;
                        break;
                    }
                    j++;
                }
                if (close < 0) {
                    return null;
                }
                field.append(text, i + 1, close);
                fields.add(field.toString().replace("\"\"", "\""));
                i = close + 1;
            } else {
                int j = text.indexOf(delimiter, i);
                if (j < 0) {
                    j = n;
                }
                fields.add(text.substring(i, j));
                i = j;
            }
            if (i >= n) {
                return fields;
            }
            i++; // the delimiter
            if (i == n) {
                fields.add("");
                return fields;
            }
        }
    }

    private boolean endsInsideQuotes(CharSequence text) {
        boolean inside = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                inside = !inside;
            }
        }
        return inside;
    }

    /** The most frequent of , ; TAB | outside quotes in the first row (Indonesian Excel writes ';'). */
    static char guessDelimiter(String line) {
        char[] candidates = {',', ';', '\t', '|'};
        int[] counts = new int[candidates.length];
        boolean inside = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                inside = !inside;
            } else if (!inside) {
                for (int k = 0; k < candidates.length; k++) {
                    if (c == candidates[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < candidates.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }

    private Line readLine() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.pop();
        }
        String text = reader.readLine();
        if (text == null) {
            return null;
        }
        lastLine++;
        if (lastLine == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Line(lastLine, text);
    }
}
