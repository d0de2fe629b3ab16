package org.tanyapustaka.catalog.imports;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.marc4j.MarcError;
import org.marc4j.MarcJsonReader;
import org.marc4j.MarcPermissiveStreamReader;
import org.marc4j.marc.Record;

/**
 * Reads MARC 21 bibliographic records from a file a library exported: ISO 2709 ({@code .mrc}, MARC-8 or UTF-8),
 * MARCXML, or MARC-in-JSON. The format is recognised from the content, not the file name.
 *
 * <p>Every record gives one {@link ReadOutcome}; a broken record is a failure outcome with its number and the
 * reason, and reading goes on with the next one. Nothing is thrown for bad data: a truncated ISO 2709 file ends
 * with a failure for its last, cut record; an XML file that stops being well-formed gives the records before the
 * error and then one failure that says where the XML broke. Files are read as a stream, one record at a time.
 *
 * <p>ISO 2709 records are split at their record terminators (0x1D) and each is decoded by marc4j's permissive
 * reader, which repairs what it can (wrong lengths, bad directories) and converts MARC-8 to Unicode; text is then
 * normalised to NFC. What is read from a record:
 * <ul>
 * <li>title 245$a (else $k) with $n and $p, subtitle 245$b; a record without a title is a failure
 *     {@code "no title (245)"}</li>
 * <li>authors 100, 110, 111, 700, 710, 711 $a (corporate names with their $b units)</li>
 * <li>place, publisher and year from 264 (second indicator 1 first) or 260 $a $b $c; the year falls back to
 *     008/07-10</li>
 * <li>ISBNs from 020$a, language from 008/35-37 or else 041$a, subjects from 600-651 (subdivisions joined
 *     with " -- ") and 653, summary from 520$a</li>
 * <li>copies from 852 ($b/$c location, $h/$i call number, $p barcode) and Koha 952 ($p barcode, $o call
 *     number, $a home branch and $c shelving location, $q due date: on loan, $1 lost, negative $7: on order,
 *     $0 withdrawn: left out with a warning)</li>
 * <li>call number: the first copy's, else 099, 092, 090 (local), else 082 (Dewey), else 050 (LC)</li>
 * <li>source id: 001, else Koha's biblionumber 999$c; leader/05 {@code d} marks the record deleted</li>
 * </ul>
 * Authority, holdings and classification records are failures: only bibliographic records belong in the
 * catalogue.
 */
public final class MarcImport {

    public static final String SOURCE_ISO2709 = "marc";
    public static final String SOURCE_MARCXML = "marcxml";
    public static final String SOURCE_MARCJSON = "marcjson";

    /** A record longer than this without a terminator is damage, not data (ISO 2709 records are < 100,000). */
    static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final byte RECORD_TERMINATOR = 0x1D;
    private static final byte FIELD_TERMINATOR = 0x1E;
    private static final Pattern XML_ENCODING = Pattern.compile("<\\?xml[^>]*encoding\\s*=\\s*[\"']([^\"']+)[\"']");

    private MarcImport() {
    }

    enum Format { ISO2709, MARCXML, MARCJSON, EMPTY, UNKNOWN }

    /** Reads a file; closing the stream closes the file. Use it in try-with-resources. */
    public static Stream<ReadOutcome> read(Path file) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            return Stream.of(ReadOutcome.failure(1, null, "record 1: cannot open " + file.getFileName() + ": "
                    + whyNotOpened(e)));
        }
        return read(in).onClose(() -> closeQuietly(in));
    }

    static String whyNotOpened(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "access denied";
        }
        return describe(e);
    }

    /** Reads records from a stream in any supported format; the caller closes the stream. */
    public static Stream<ReadOutcome> read(InputStream in) {
        BufferedInputStream buffered = new BufferedInputStream(in, SNIFF_BYTES);
        Format format;
        String start;
        try {
            buffered.mark(SNIFF_BYTES);
            byte[] head = buffered.readNBytes(SNIFF_BYTES);
            buffered.reset();
            format = sniff(head);
            start = printableStart(head);
        } catch (IOException e) {
            return Stream.of(ReadOutcome.failure(1, null, "record 1: cannot read the file: " + describe(e)));
        }
        return switch (format) {
            case ISO2709 -> readIso2709(buffered);
            case MARCXML -> readMarcXml(buffered);
            case MARCJSON -> readMarcJson(buffered);
            case EMPTY -> Stream.of(ReadOutcome.failure(1, null, "record 1: the file is empty"));
            case UNKNOWN -> Stream.of(ReadOutcome.failure(1, null, start.startsWith("=LDR")
                    ? "record 1: MARCMaker text (.mrk) is not supported; export the records as ISO 2709 (.mrc) or MARCXML"
                    : "record 1: not a MARC file (neither ISO 2709, MARCXML nor MARC-in-JSON); it starts with '"
                            + start + "'"));
        };
    }

    /** Reads ISO 2709 records (MARC-8 or UTF-8); the caller closes the stream. */
    public static Stream<ReadOutcome> readIso2709(InputStream in) {
        return new Iso2709Outcomes(in instanceof BufferedInputStream ? in : new BufferedInputStream(in)).stream();
    }

    /** Reads MARCXML records; the caller closes the stream. */
    public static Stream<ReadOutcome> readMarcXml(InputStream in) {
        return new MarcXmlOutcomes(in).stream();
    }

    /** Reads MARC-in-JSON or MARC-JSON records; the caller closes the stream. */
    public static Stream<ReadOutcome> readMarcJson(InputStream in) {
        return new MarcJsonOutcomes(in).stream();
    }

    static Format sniff(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < head.length && isFiller(head[i])) {
            i++;
        }
        if (i >= head.length) {
            return Format.EMPTY;
        }
        if (head[i] == '<') {
            return Format.MARCXML;
        }
        if (head[i] == '{' || head[i] == '[') {
            return Format.MARCJSON;
        }
        boolean digits = i + 5 <= head.length;
        for (int k = i; k < i + 5 && k < head.length; k++) {
            digits &= head[k] >= '0' && head[k] <= '9';
        }
        if (digits) {
            return Format.ISO2709;
        }
        for (int k = i; k < head.length; k++) {
            if (head[k] == RECORD_TERMINATOR || head[k] == FIELD_TERMINATOR) {
                return Format.ISO2709; // a damaged first leader, but MARC structure
            }
        }
        return Format.UNKNOWN;
    }

    private static boolean isFiller(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0 || b == 0x1A;
    }

    private static String printableStart(byte[] head) {
        String s = new String(head, 0, Math.min(head.length, 40), StandardCharsets.UTF_8).strip();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 20; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) || c == '\uFFFD' ? '?' : c);
        }
        return out.toString();
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // everything was read already; nothing to report to the librarian
        }
    }

    /** ISO 2709: one record per record terminator, each decoded on its own so damage stays contained. */
    private static final class Iso2709Outcomes extends OutcomeIterator {

        private final InputStream in;
        private int position;
        private boolean done;

        Iso2709Outcomes(InputStream in) {
            this.in = in;
        }

        @Override
        protected ReadOutcome computeNext() {
            if (done) {
                return null;
            }
            Chunk chunk;
            try {
                chunk = nextChunk();
            } catch (IOException e) {
                done = true;
                return ReadOutcome.failure(position + 1, null,
                        "record " + (position + 1) + ": the file could not be read further: " + e.getMessage());
            }
            if (chunk == null) {
                done = true;
                return null;
            }
            position++;
            String id = peekControlNumber(chunk.bytes);
            String where = MarcMapping.where(position, id);
            if (chunk.oversized) {
                return ReadOutcome.failure(position, id, where + ": no record terminator within "
                        + MAX_RECORD_BYTES / (1024 * 1024) + " MB; the data up to the next terminator was skipped");
            }
            if (!chunk.terminated) {
                done = true;
                String declared = declaredLength(chunk.bytes);
                return ReadOutcome.failure(position, id, where + ": the file ends in the middle of this record ("
                        + chunk.bytes.length + " bytes" + (declared == null ? "" : " of " + declared)
                        + "); the file is truncated");
            }
            return decode(chunk.bytes, id, where);
        }

        private ReadOutcome decode(byte[] bytes, String id, String where) {
            if (bytes.length < 25) {
                return ReadOutcome.failure(position, id,
                        where + ": only " + bytes.length + " bytes, too short for a MARC record");
            }
            String length = new String(bytes, 0, 5, StandardCharsets.ISO_8859_1);
            if (!length.matches("[0-9]{5}")) {
                return ReadOutcome.failure(position, id, where + ": invalid leader (length '" + printable(length)
                        + "' is not a number)");
            }
            List<String> warnings = new ArrayList<>();
            if (Integer.parseInt(length) != bytes.length) {
                warnings.add("the leader gives a length of " + Integer.parseInt(length) + " bytes, the record has "
                        + bytes.length);
            }
            Record record;
            try {
                record = new MarcPermissiveStreamReader(new ByteArrayInputStream(bytes), true, true).next();
            } catch (RuntimeException e) {
                String damage = diagnose(bytes);
                if (damage != null) {
                    return ReadOutcome.failure(position, id, where + ": " + damage);
                }
                // the structure is sound, so the text conversion failed (e.g. a broken MARC-8 escape sequence):
                // read the bytes as they are rather than lose the record
                try {
                    record = new MarcPermissiveStreamReader(new ByteArrayInputStream(bytes), true, false).next();
                    warnings.add("the text could not be converted to Unicode (" + describe(e)
                            + "); it was read as ISO-8859-1, so accented letters may be wrong");
                } catch (RuntimeException again) {
                    return ReadOutcome.failure(position, id, where + ": cannot be decoded: " + describe(e));
                }
            }
            if (record.hasErrors()) {
                for (MarcError error : record.getErrors()) {
                    if (error.severity >= MarcError.ERROR_TYPO && !warnings.contains(error.message)) {
                        String field = error.curField == null || error.curField.equals("n/a") ? "" : "field " + error.curField + ": ";
                        warnings.add(field + error.message);
                    }
                }
            }
            try {
                return MarcMapping.toOutcome(position, record, SOURCE_ISO2709, null, warnings);
            } catch (RuntimeException e) {
                return ReadOutcome.failure(position, id, where + ": cannot be mapped: " + describe(e));
            }
        }

        private Chunk nextChunk() throws IOException {
            int b = in.read();
            while (b >= 0 && isFiller((byte) b)) {
                b = in.read();
            }
            if (b < 0) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            boolean oversized = false;
            while (b >= 0) {
                if (out.size() < MAX_RECORD_BYTES) {
                    out.write(b);
                } else {
                    oversized = true;
                }
                if (b == RECORD_TERMINATOR) {
                    return new Chunk(out.toByteArray(), true, oversized);
                }
                b = in.read();
            }
            return new Chunk(out.toByteArray(), false, oversized);
        }
    }

    private record Chunk(byte[] bytes, boolean terminated, boolean oversized) {
    }

    private static String declaredLength(byte[] bytes) {
        if (bytes.length < 5) {
            return null;
        }
        String length = new String(bytes, 0, 5, StandardCharsets.ISO_8859_1);
        return length.matches("[0-9]{5}") ? String.valueOf(Integer.parseInt(length)) : null;
    }

    /**
     * What is wrong with the structure of a raw ISO 2709 record (leader and directory), in a librarian's words,
     * or {@code null} if the structure looks sound.
     */
    static String diagnose(byte[] bytes) {
        int length = bytes.length;
        String base = new String(bytes, 12, 5, StandardCharsets.ISO_8859_1);
        if (!base.matches("[0-9]{5}")) {
            return "invalid leader (base address of data '" + printable(base) + "' is not a number)";
        }
        int baseAddress = Integer.parseInt(base);
        if (baseAddress < 25) {
            return "invalid leader (base address of data " + baseAddress + " would put the data inside the leader)";
        }
        if (baseAddress > length) {
            return "invalid leader (base address of data " + baseAddress + " lies outside the record of " + length
                    + " bytes)";
        }
        int n = 0;
        for (int entry = 24; entry < baseAddress - 1 && bytes[entry] != FIELD_TERMINATOR; entry += 12) {
            n++;
            if (entry + 12 > length) {
                return "the directory runs past the end of the record";
            }
            String dir = new String(bytes, entry, 12, StandardCharsets.ISO_8859_1);
            String tag = printable(dir.substring(0, 3));
            if (!dir.substring(3).matches("[0-9]{9}")) {
                return "directory entry " + n + " (tag '" + tag + "') has a length or position that is not a number ('"
                        + printable(dir.substring(3)) + "')";
            }
            int fieldLength = Integer.parseInt(dir.substring(3, 7));
            int start = Integer.parseInt(dir.substring(7, 12));
            if (baseAddress + start + fieldLength > length) {
                return "directory entry " + n + " (tag '" + tag + "') points beyond the end of the record (field at "
                        + start + ", " + fieldLength + " bytes long; the data has " + (length - baseAddress) + " bytes)";
            }
        }
        return null;
    }

    /** The 001 of a raw ISO 2709 record, read straight from its directory, or {@code null}. */
    static String peekControlNumber(byte[] bytes) {
        try {
            if (bytes.length < 24) {
                return null;
            }
            String base = new String(bytes, 12, 5, StandardCharsets.ISO_8859_1);
            if (!base.matches("[0-9]{5}")) {
                return null;
            }
            int baseAddress = Integer.parseInt(base);
            for (int entry = 24; entry + 12 <= bytes.length && bytes[entry] != FIELD_TERMINATOR; entry += 12) {
                String dir = new String(bytes, entry, 12, StandardCharsets.ISO_8859_1);
                if (dir.startsWith("001") && dir.substring(3).matches("[0-9]{9}")) {
                    int start = baseAddress + Integer.parseInt(dir.substring(7, 12));
                    int end = start;
                    while (end < bytes.length && bytes[end] != FIELD_TERMINATOR && bytes[end] != RECORD_TERMINATOR
                            && end - start < 64) {
                        end++;
                    }
                    String id = start < bytes.length ? new String(bytes, start, end - start, StandardCharsets.ISO_8859_1).strip() : "";
                    return id.isEmpty() || !id.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? null : id;
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    /** MARCXML, streamed with StAX; see {@link MarcXmlRecords}. */
    private static final class MarcXmlOutcomes extends OutcomeIterator {

        private final InputStream source;
        private XMLStreamReader xml;
        private int position;
        private boolean done;
        private boolean sawRecord;
        private String rootName;
        private final ArrayDeque<String> open = new ArrayDeque<>();

        MarcXmlOutcomes(InputStream in) {
            this.source = in;
        }

        @Override
        protected ReadOutcome computeNext() {
            if (done) {
                return null;
            }
            try {
                if (xml == null) {
                    xml = MarcXmlRecords.inputFactory().createXMLStreamReader(filtered(source));
                }
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.END_ELEMENT) {
                        open.pollLast();
                        continue;
                    }
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if (rootName == null) {
                        rootName = xml.getLocalName();
                    }
                    // an OAI-PMH <record> without namespace (ListRecords/GetRecord child) wraps, it is not MARC
                    boolean oaiWrapper = "ListRecords".equals(open.peekLast()) || "GetRecord".equals(open.peekLast());
                    if (MarcXmlRecords.isMarcRecord(xml) && !oaiWrapper) {
                        sawRecord = true;
                        MarcXmlRecords.Parsed parsed = MarcXmlRecords.read(xml);
                        position++; // only now: a record whose XML breaks is reported as position + 1 below
                        return toOutcome(parsed);
                    }
                    open.addLast(xml.getLocalName());
                }
                done = true;
                close();
                if (!sawRecord) {
                    return ReadOutcome.failure(1, null, "record 1: no MARC records found in this XML"
                            + (rootName == null ? "" : " (its root element is <" + rootName + ">)"));
                }
                return null;
            } catch (XMLStreamException e) {
                done = true;
                close();
                int at = position + 1;
                return ReadOutcome.failure(at, null, "record " + at + ": the XML is not well-formed ("
                        + MarcXmlRecords.describe(e) + "); records after this point cannot be read");
            } catch (RuntimeException e) {
                done = true;
                close();
                int at = position + 1;
                return ReadOutcome.failure(at, null, "record " + at + ": the XML cannot be read: " + describe(e));
            }
        }

        private ReadOutcome toOutcome(MarcXmlRecords.Parsed parsed) {
            String id = MarcMapping.controlNumber(parsed.record());
            if (parsed.problem() != null) {
                return ReadOutcome.failure(position, id, MarcMapping.where(position, id) + ": " + parsed.problem());
            }
            try {
                return MarcMapping.toOutcome(position, parsed.record(), SOURCE_MARCXML, null, parsed.warnings());
            } catch (RuntimeException e) {
                return ReadOutcome.failure(position, id, "record " + position + ": cannot be mapped: " + describe(e));
            }
        }

        private void close() {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    /**
     * Wraps an XML stream so forbidden control bytes become a marker (see {@link XmlControlCharacters}), unless
     * the document is not UTF-8 (then the bytes are left alone and the parser reports them).
     */
    static InputStream filtered(InputStream in) {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in);
        try {
            buffered.mark(512);
            byte[] head = buffered.readNBytes(512);
            buffered.reset();
            if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                    || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)) {
                return buffered; // UTF-16
            }
            Matcher m = XML_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
            if (m.find()) {
                String encoding = m.group(1).toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
                if (!encoding.equals("UTF8") && !encoding.equals("USASCII") && !encoding.equals("ASCII")) {
                    return buffered;
                }
            }
        } catch (IOException e) {
            return buffered; // the parser will meet the same error and report it
        }
        return new XmlControlCharacters(buffered);
    }

    /** MARC-in-JSON via marc4j; a syntax error ends the file with a failure. */
    private static final class MarcJsonOutcomes extends OutcomeIterator {

        private final InputStream in;
        private MarcJsonReader reader;
        private int position;
        private boolean done;

        MarcJsonOutcomes(InputStream in) {
            this.in = in;
        }

        @Override
        protected ReadOutcome computeNext() {
            if (done) {
                return null;
            }
            int at = position + 1;
            try {
                if (reader == null) {
                    reader = new MarcJsonReader(in);
                }
                if (!reader.hasNext()) {
                    done = true;
                    return position == 0 ? ReadOutcome.failure(1, null, "record 1: no MARC records found in this JSON") : null;
                }
                Record record = reader.next();
                position++;
                return MarcMapping.toOutcome(position, record, SOURCE_MARCJSON, null, List.of());
            } catch (RuntimeException e) {
                done = true;
                return ReadOutcome.failure(at, null, "record " + at + ": the JSON cannot be read ("
                        + describe(e) + "); records after this point cannot be read");
            }
        }
    }

    /** An exception's message for a librarian: no class names, no stack trace. */
    static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && parts.stream().noneMatch(p -> p.contains(m.strip()))) {
                parts.add(printable(m.strip().replaceAll("\\b(?:java|javax|org|com)\\.[\\w.$]+(?:Exception|Error):?\\s*", "")));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        parts.removeIf(String::isBlank);
        return parts.isEmpty() ? "the data is damaged" : String.join(": ", parts);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 300; i++) {
            char c = s.charAt(i);
            if (c == 0x1D) {
                out.append("<RT>");
            } else if (c == 0x1E) {
                out.append("<FT>");
            } else if (c == 0x1F) {
                out.append("<SF>");
            } else {
                out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
