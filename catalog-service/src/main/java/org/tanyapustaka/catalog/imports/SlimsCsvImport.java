package org.tanyapustaka.catalog.imports;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads catalogue CSV files: the bibliographic export of SLiMS (Senayan Library Management System, the library
 * system most Indonesian university libraries run) and this project's own demo catalogue format.
 *
 * <p><b>SLiMS 9</b> ("Bibliography → Export Bibliographic Data"; also the sample of its CSV import), columns in
 * this order: {@code title, gmd_name, edition, isbn_issn, publisher_name, publish_year, collation,
 * series_title, call_number, language_name, place_name, classification, notes, image, sor, authors, topics,
 * item_code}. SLiMS writes the header row only when asked ("Put columns names in the first row"), so a file
 * without a header is read in this order. Multiple values are written {@code <a><b><c>}: authors
 * {@code <Munir, Rinaldi><Lidya, Leony>}, topics {@code <Algoritma><Pemrograman>}, item codes
 * {@code <B0001><B0002>}. Mapped as: title (split at the first " : " into title and subtitle), authors,
 * publisher_name, place_name, publish_year (first four-digit year), isbn_issn (ISBNs only; ISSNs are ignored),
 * language_name ("Indonesia", "Bahasa Indonesia", "English", "Inggris", codes such as "id" → MARC {@code ind},
 * {@code eng}, ...), topics → subjects, call_number (else classification), notes → summary, item_code → one
 * available copy per code, with that barcode. The source id is the first item code (SLiMS does not export its
 * biblio id). gmd_name, edition, collation, series_title, image and sor are not used.
 *
 * <p><b>Demo catalogue</b> ({@code data/indonesian/catalogue-id.csv} in the repository), recognised by its header
 * {@code id,title,subtitle,authors,publisher,place,year,isbn,language,subjects,ddc_call_number,copies,location}:
 * authors and subjects separated by ';', language a MARC code, {@code copies} a count that becomes that many
 * available copies with barcodes {@code <id>-1 … <id>-n} at {@code location}.
 *
 * <p>Both: the separator is detected (',' or ';' as Indonesian Excel writes, or TAB), UTF-8 with or without BOM
 * (a file that is not valid UTF-8 is read as Windows-1252), rows as RFC 4180 and, failing that, leniently (SLiMS
 * does not double quotes inside quoted fields). Each data row gives one {@link ReadOutcome} whose position is
 * the row's number (header excluded); a malformed row (unpaired quotes, wrong number of columns, no title, a
 * copy count that is not a number) is a failure that names its line, and reading goes on.
 */
public final class SlimsCsvImport {

    public static final String SOURCE_SLIMS = "slims-csv";
    public static final String SOURCE_CATALOGUE = "catalogue-csv";

    /** SLiMS 9's export columns, in the order it writes them. */
    public static final List<String> SLIMS_COLUMNS = List.of("title", "gmd_name", "edition", "isbn_issn",
            "publisher_name", "publish_year", "collation", "series_title", "call_number", "language_name",
            "place_name", "classification", "notes", "image", "sor", "authors", "topics", "item_code");

    /** The demo catalogue's columns. */
    public static final List<String> CATALOGUE_COLUMNS = List.of("id", "title", "subtitle", "authors", "publisher",
            "place", "year", "isbn", "language", "subjects", "ddc_call_number", "copies", "location");

    private static final int SNIFF_BYTES = 64 * 1024;

    private SlimsCsvImport() {
    }

    /** Reads a file; closing the stream closes the file. Use it in try-with-resources. */
    public static Stream<ReadOutcome> read(Path file) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            return Stream.of(ReadOutcome.failure(1, null, "line 1: cannot open " + file.getFileName() + ": "
                    + MarcImport.whyNotOpened(e)));
        }
        return read(in).onClose(() -> MarcImport.closeQuietly(in));
    }

    /** Reads CSV bytes (UTF-8, else Windows-1252); the caller closes the stream. */
    public static Stream<ReadOutcome> read(InputStream in) {
        BufferedInputStream buffered = new BufferedInputStream(in, SNIFF_BYTES);
        Charset charset;
        try {
            buffered.mark(SNIFF_BYTES);
            byte[] head = buffered.readNBytes(SNIFF_BYTES);
            buffered.reset();
            charset = isUtf8(head) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        } catch (IOException e) {
            return Stream.of(ReadOutcome.failure(1, null, "line 1: cannot read the file: " + MarcImport.describe(e)));
        }
        return read(new InputStreamReader(buffered, charset));
    }

    /** Reads CSV text; the caller closes the reader. */
    public static Stream<ReadOutcome> read(Reader reader) {
        BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        return new CsvOutcomes(new CsvRows(buffered)).stream();
    }

    private static boolean isUtf8(byte[] head) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return !decoder.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length + 1), false).isError();
    }

    private enum Layout { SLIMS, CATALOGUE }

    private static final class CsvOutcomes extends OutcomeIterator {

        private final CsvRows rows;
        private Layout layout;
        private Map<String, Integer> columns;
        private int columnCount;
        private int position;
        private boolean done;
        private CsvRows.Row firstDataRow;

        CsvOutcomes(CsvRows rows) {
            this.rows = rows;
        }

        @Override
        protected ReadOutcome computeNext() {
            if (done) {
                return null;
            }
            try {
                CsvRows.Row row;
                if (layout == null) {
                    CsvRows.Row first = rows.next();
                    if (first == null) {
                        done = true;
                        return ReadOutcome.failure(1, null, "line 1: the file is empty");
                    }
                    readHeader(first);
                    rows.expectColumns(columnCount);
                    row = firstDataRow != null ? firstDataRow : rows.next();
                    firstDataRow = null;
                } else {
                    row = rows.next();
                }
                if (row == null) {
                    done = true;
                    return null;
                }
                position++;
                return toOutcome(row);
            } catch (IOException | RuntimeException e) {
                done = true;
                position++;
                return ReadOutcome.failure(position, null,
                        "row " + position + ": the file could not be read further: " + MarcImport.describe(e));
            }
        }

        /** Recognises the header row, or takes the SLiMS column order when the first row is data. */
        private void readHeader(CsvRows.Row first) {
            List<String> names = new ArrayList<>();
            if (first.fields() != null) {
                for (String f : first.fields()) {
                    names.add(f.strip().toLowerCase(Locale.ROOT));
                }
            }
            while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
                names.remove(names.size() - 1); // SLiMS ends its header with a separator
            }
            long slims = names.stream().filter(SLIMS_COLUMNS::contains).count();
            long catalogue = names.stream().filter(CATALOGUE_COLUMNS::contains).count();
            if (names.contains("title") && (slims >= 3 || catalogue >= 3)) {
                layout = names.contains("ddc_call_number") || names.contains("copies") || catalogue > slims
                        ? Layout.CATALOGUE : Layout.SLIMS;
                columns = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    columns.putIfAbsent(names.get(i), i);
                }
                columnCount = names.size();
            } else {
                layout = Layout.SLIMS;
                columns = new HashMap<>();
                for (int i = 0; i < SLIMS_COLUMNS.size(); i++) {
                    columns.put(SLIMS_COLUMNS.get(i), i);
                }
                columnCount = SLIMS_COLUMNS.size();
                firstDataRow = first;
            }
        }

        private ReadOutcome toOutcome(CsvRows.Row row) {
            String where = "line " + row.line();
            if (row.fields() == null) {
                return ReadOutcome.failure(position, null, where + ": " + row.problem());
            }
            List<String> fields = new ArrayList<>(row.fields());
            while (fields.size() > columnCount && fields.get(fields.size() - 1).isBlank()) {
                fields.remove(fields.size() - 1);
            }
            Fields f = new Fields(fields, columns, layout == Layout.SLIMS);
            String sourceId = layout == Layout.CATALOGUE ? Isbd.normalize(f.get("id")) : firstItemCode(f.get("item_code"));
            if (fields.size() != columnCount) {
                return ReadOutcome.failure(position, sourceId, where + ": expected " + columnCount + " columns, found "
                        + fields.size() + (fields.size() < columnCount ? " (a row cut short, or a separator missing?)"
                                : " (a separator inside an unquoted value?)"));
            }
            List<String> warnings = new ArrayList<>();
            if (row.warning() != null) {
                warnings.add(row.warning());
            }
            try {
                return layout == Layout.CATALOGUE ? catalogueRecord(f, where, sourceId, warnings)
                        : slimsRecord(f, where, sourceId, warnings);
            } catch (RuntimeException e) {
                return ReadOutcome.failure(position, sourceId, where + ": cannot be read: " + MarcImport.describe(e));
            }
        }

        private ReadOutcome slimsRecord(Fields f, String where, String sourceId, List<String> warnings) {
            String fullTitle = Isbd.normalize(f.get("title"));
            if (fullTitle == null) {
                return ReadOutcome.failure(position, sourceId, where + ": no title");
            }
            String title = fullTitle;
            String subtitle = null;
            int colon = fullTitle.indexOf(" : ");
            if (colon > 0) {
                title = fullTitle.substring(0, colon);
                subtitle = Isbd.clean(fullTitle.substring(colon + 3));
            }
            title = Isbd.clean(title);
            if (title == null) {
                return ReadOutcome.failure(position, sourceId, where + ": no title");
            }
            String callNumber = Isbd.normalize(f.get("call_number"));
            if (callNumber == null) {
                callNumber = Isbd.normalize(f.get("classification"));
            }
            List<BibRecord.Copy> copies = new ArrayList<>();
            for (String code : multiValues(f.get("item_code"), false)) {
                String barcode = Isbd.normalize(code);
                if (barcode != null) {
                    copies.add(new BibRecord.Copy(barcode, callNumber, null, BibRecord.Copy.Status.AVAILABLE, null));
                }
            }
            BibRecord record = new BibRecord(SOURCE_SLIMS, sourceId, title, subtitle,
                    cleaned(multiValues(f.get("authors"), true)), Isbd.publisher(f.get("publisher_name")),
                    Isbd.place(f.get("place_name")), year(f.get("publish_year"), "publish_year", warnings),
                    Isbn.findAll(f.get("isbn_issn")).stream().distinct().toList(),
                    language(f.get("language_name"), "language_name", warnings),
                    cleaned(multiValues(f.get("topics"), true)), callNumber, Isbd.normalize(f.get("notes")), copies,
                    false);
            return ReadOutcome.success(position, record, warnings);
        }

        private ReadOutcome catalogueRecord(Fields f, String where, String sourceId, List<String> warnings) {
            String title = Isbd.clean(f.get("title"));
            if (title == null) {
                return ReadOutcome.failure(position, sourceId, where + ": no title");
            }
            String callNumber = Isbd.normalize(f.get("ddc_call_number"));
            String location = Isbd.normalize(f.get("location"));
            String count = Isbd.normalize(f.get("copies"));
            List<BibRecord.Copy> copies = new ArrayList<>();
            if (count != null) {
                if (!count.matches("[0-9]{1,4}")) {
                    return ReadOutcome.failure(position, sourceId,
                            where + ": copies '" + count + "' is not a whole number of copies");
                }
                if (sourceId == null && Integer.parseInt(count) > 0) {
                    return ReadOutcome.failure(position, null, where + ": copies without an id to number them by");
                }
                for (int i = 1; i <= Integer.parseInt(count); i++) {
                    copies.add(new BibRecord.Copy(sourceId + "-" + i, callNumber, location,
                            BibRecord.Copy.Status.AVAILABLE, null));
                }
            }
            BibRecord record = new BibRecord(SOURCE_CATALOGUE, sourceId, title, Isbd.clean(f.get("subtitle")),
                    cleaned(split(f.get("authors"))), Isbd.publisher(f.get("publisher")), Isbd.place(f.get("place")),
                    year(f.get("year"), "year", warnings), Isbn.findAll(f.get("isbn")).stream().distinct().toList(),
                    language(f.get("language"), "language", warnings), cleaned(split(f.get("subjects"))), callNumber,
                    null, copies, false);
            return ReadOutcome.success(position, record, warnings);
        }
    }

    /** A row's values by column name; SLiMS values lose the backslashes older SLiMS versions escaped with. */
    private record Fields(List<String> values, Map<String, Integer> columns, boolean slims) {
        String get(String name) {
            Integer i = columns.get(name);
            if (i == null || i >= values.size()) {
                return null;
            }
            String v = values.get(i);
            if (slims && v != null && v.indexOf('\\') >= 0) {
                v = v.replace("\\\"", "\"").replace("\\'", "'").replace("\\\\", "\\");
            }
            return v;
        }
    }

    private static Integer year(String value, String column, List<String> warnings) {
        String v = Isbd.normalize(value);
        if (v == null) {
            return null;
        }
        Integer year = PublicationYear.fromText(v);
        if (year == null) {
            warnings.add(column + " '" + v + "' is not a year; left empty");
        }
        return year;
    }

    private static String language(String value, String column, List<String> warnings) {
        String v = Isbd.normalize(value);
        if (v == null) {
            return null;
        }
        String code = LanguageCodes.fromNameOrCode(v);
        if (code == null) {
            warnings.add(column + " '" + v + "' is not a language we know; left empty");
        }
        return code;
    }

    /** "<a><b><c>" as SLiMS writes multiple values; plain text is one value (or ';'-separated ones). */
    static List<String> multiValues(String value, boolean semicolons) {
        List<String> values = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return values;
        }
        String v = value.strip();
        if (v.startsWith("<") && v.endsWith(">")) {
            for (String part : v.substring(1, v.length() - 1).split(">\\s*<")) {
                values.add(part.replace("<", "").replace(">", ""));
            }
            return values;
        }
        return semicolons ? split(v) : List.of(v);
    }

    private static List<String> split(String value) {
        List<String> values = new ArrayList<>();
        if (value == null) {
            return values;
        }
        for (String part : value.split(";")) {
            if (!part.isBlank()) {
                values.add(part);
            }
        }
        return values;
    }

    private static List<String> cleaned(List<String> values) {
        Map<String, String> distinct = new LinkedHashMap<>();
        for (String v : values) {
            String c = Isbd.clean(v);
            if (c != null) {
                distinct.putIfAbsent(c.toLowerCase(Locale.ROOT), c);
            }
        }
        return new ArrayList<>(distinct.values());
    }

    private static String firstItemCode(String value) {
        List<String> codes = multiValues(value, false);
        return codes.isEmpty() ? null : Isbd.normalize(codes.get(0));
    }
}
