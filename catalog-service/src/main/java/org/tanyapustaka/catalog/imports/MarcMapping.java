package org.tanyapustaka.catalog.imports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.marc4j.marc.Subfield;
import org.marc4j.marc.VariableField;

/**
 * Maps a MARC 21 bibliographic record (as read by marc4j from ISO 2709, MARCXML or MARC-in-JSON) to a
 * {@link BibRecord}. See {@link MarcImport} for which fields are read.
 */
final class MarcMapping {

    private static final String[] NAME_TAGS = {"100", "110", "111", "700", "710", "711"};
    private static final String[] SUBJECT_TAGS = {"600", "610", "611", "630", "648", "650", "651", "653"};

    private MarcMapping() {
    }

    /**
     * The outcome of mapping one record.
     *
     * @param position  the record's number in the file or harvest
     * @param sourceId  the identifier to use instead of 001 (OAI identifier), or {@code null}
     * @param warnings  problems already found while reading the record; more may be added
     */
    static ReadOutcome toOutcome(int position, Record marc, String source, String sourceId, List<String> warnings) {
        List<String> notes = new ArrayList<>(warnings);
        String id = sourceId != null ? sourceId : controlNumber(marc);
        String where = where(position, id);

        char type = marc.getLeader() == null ? ' ' : marc.getLeader().getTypeOfRecord();
        String kind = switch (type) {
            case 'z' -> "an authority record";
            case 'u', 'v', 'x', 'y' -> "a holdings record";
            case 'w' -> "a classification record";
            case 'q' -> "a community information record";
            default -> null;
        };
        if (kind != null) {
            return ReadOutcome.failure(position, id,
                    where + ": " + kind + " (leader/06 '" + type + "'), not a bibliographic record");
        }
        boolean deleted = marc.getLeader() != null && marc.getLeader().getRecordStatus() == 'd';

        DataField f245 = dataField(marc, "245");
        String title = f245 == null ? null : title(f245, notes);
        if (title == null && !deleted) {
            boolean unimarc = dataField(marc, "200") != null && f245 == null;
            return ReadOutcome.failure(position, id, where + ": no title (245)"
                    + (unimarc ? "; it has a 200 field, so it is probably UNIMARC, which is not supported (only MARC 21)" : ""));
        }
        String subtitle = f245 == null ? null : Isbd.clean(join(f245, "b", " "));

        DataField imprint = imprint(marc);
        String place = imprint == null ? null : Isbd.place(first(imprint, 'a'));
        String publisher = imprint == null ? null : Isbd.publisher(first(imprint, 'b'));
        Integer year = imprint == null ? null : PublicationYear.fromText(first(imprint, 'c'));
        if (year == null) {
            year = anyImprintYear(marc);
        }
        String f008 = controlData(marc, "008");
        if (year == null) {
            year = PublicationYear.from008(f008);
        }

        String language = f008 != null && f008.length() >= 38 ? LanguageCodes.fromMarcCode(f008.substring(35, 38)) : null;
        if (language == null) {
            DataField f041 = dataField(marc, "041");
            language = f041 == null ? null : LanguageCodes.fromMarcCode(first(f041, 'a'));
        }

        List<BibRecord.Copy> copies = copies(marc, notes);
        String callNumber = callNumber(marc);

        List<String> summaries = new ArrayList<>();
        for (DataField f : dataFields(marc, "520")) {
            String s = Isbd.normalize(first(f, 'a'));
            if (s != null) {
                summaries.add(s);
            }
        }

        BibRecord record = new BibRecord(source, id, title, subtitle, names(marc), publisher, place, year,
                isbns(marc), language, subjects(marc), callNumber,
                summaries.isEmpty() ? null : String.join("\n\n", summaries), copies, deleted);
        return ReadOutcome.success(position, record, notes);
    }

    /** MARC 001, or Koha's biblionumber (999$c) when there is no 001. */
    static String controlNumber(Record marc) {
        String id = Isbd.normalize(controlData(marc, "001"));
        if (id == null) {
            DataField f999 = dataField(marc, "999");
            id = f999 == null ? null : Isbd.normalize(first(f999, 'c'));
        }
        return id;
    }

    /** "record 3 (ocm123)": the place of a record in a message, with a printable excerpt of its id. */
    static String where(int position, String id) {
        if (id == null) {
            return "record " + position;
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < id.length() && shown.length() < 40; i++) {
            char c = id.charAt(i);
            shown.append(Character.isISOControl(c) ? '?' : c);
        }
        return "record " + position + " (" + shown + (id.length() > 40 ? "…" : "") + ")";
    }

    private static String title(DataField f245, List<String> warnings) {
        String main = Isbd.clean(first(f245, 'a'));
        if (main == null) {
            main = Isbd.clean(first(f245, 'k')); // archival materials: form of the material
        }
        if (main == null && !f245.getSubfields().isEmpty()) {
            // a damaged subfield code where $a belongs, e.g. a stray multibyte character: the text is the title
            Subfield firstSubfield = f245.getSubfields().get(0);
            if ("bcfghnps68".indexOf(firstSubfield.getCode()) < 0) {
                main = Isbd.clean(firstSubfield.getData());
                if (main != null) {
                    warnings.add("field 245 has no $a; its first subfield (code '" + firstSubfield.getCode()
                            + "') was taken as the title");
                }
            }
        }
        if (main == null) {
            return null;
        }
        StringBuilder title = new StringBuilder(main);
        for (Subfield sf : f245.getSubfields()) {
            if (sf.getCode() == 'n' || sf.getCode() == 'p') {
                String part = Isbd.clean(sf.getData());
                if (part != null) {
                    title.append(". ").append(part);
                }
            }
        }
        return title.toString();
    }

    /** 264 with second indicator 1 (publication), else any 264, else 260. */
    private static DataField imprint(Record marc) {
        List<DataField> f264 = dataFields(marc, "264");
        for (DataField f : f264) {
            if (f.getIndicator2() == '1') {
                return f;
            }
        }
        if (!f264.isEmpty()) {
            return f264.get(0);
        }
        return dataField(marc, "260");
    }

    private static Integer anyImprintYear(Record marc) {
        for (String tag : new String[] {"264", "260"}) {
            for (DataField f : dataFields(marc, tag)) {
                for (Subfield sf : f.getSubfields('c')) {
                    Integer y = PublicationYear.fromText(sf.getData());
                    if (y != null) {
                        return y;
                    }
                }
            }
        }
        return null;
    }

    private static List<String> names(Record marc) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String tag : NAME_TAGS) {
            for (DataField f : dataFields(marc, tag)) {
                String name = Isbd.clean(first(f, 'a'));
                if (name == null) {
                    continue;
                }
                if (tag.endsWith("10")) {
                    // corporate name with subordinate units: "Indonesia. Kementerian Pendidikan"
                    for (Subfield sf : f.getSubfields('b')) {
                        String unit = Isbd.clean(sf.getData());
                        if (unit != null) {
                            name = name + ". " + unit;
                        }
                    }
                }
                names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
        return new ArrayList<>(names.values());
    }

    private static List<String> isbns(Record marc) {
        List<String> isbns = new ArrayList<>();
        for (DataField f : dataFields(marc, "020")) {
            for (Subfield sf : f.getSubfields('a')) {
                for (String isbn : Isbn.findAll(sf.getData())) {
                    if (!isbns.contains(isbn)) {
                        isbns.add(isbn);
                    }
                }
            }
        }
        return isbns;
    }

    private static List<String> subjects(Record marc) {
        Map<String, String> subjects = new LinkedHashMap<>();
        for (String tag : SUBJECT_TAGS) {
            for (DataField f : dataFields(marc, tag)) {
                if (tag.equals("653")) {
                    for (Subfield sf : f.getSubfields('a')) {
                        String term = Isbd.clean(sf.getData());
                        if (term != null) {
                            subjects.putIfAbsent(term.toLowerCase(Locale.ROOT), term);
                        }
                    }
                    continue;
                }
                List<String> heading = new ArrayList<>();
                StringBuilder main = new StringBuilder();
                for (Subfield sf : f.getSubfields()) {
                    String data = Isbd.clean(sf.getData());
                    if (data == null) {
                        continue;
                    }
                    switch (sf.getCode()) {
                        case 'a', 'b', 'c', 'd', 'q', 't' -> main.append(main.length() == 0 ? "" : " ").append(data);
                        case 'v', 'x', 'y', 'z' -> heading.add(data);
                        default -> {
                        }
                    }
                }
                if (main.length() == 0) {
                    continue;
                }
                heading.add(0, main.toString());
                String subject = String.join(" -- ", heading);
                subjects.putIfAbsent(subject.toLowerCase(Locale.ROOT), subject);
            }
        }
        return new ArrayList<>(subjects.values());
    }

    /**
     * The shelf mark: the first copy's (852$h $i, 952$o), else a local call number (099, 092, 090), else the
     * Dewey number (082, prime marks removed), else the LC call number (050).
     */
    private static String callNumber(Record marc) {
        for (DataField f : dataFields(marc, "852")) {
            String cn = holdingsCallNumber(f);
            if (cn != null) {
                return cn;
            }
        }
        for (DataField f : dataFields(marc, "952")) {
            String cn = Isbd.normalize(first(f, 'o'));
            if (cn != null) {
                return cn;
            }
        }
        for (String tag : new String[] {"099", "092", "090"}) {
            for (DataField f : dataFields(marc, tag)) {
                String cn = Isbd.normalize(join(f, "ab", " "));
                if (cn != null) {
                    return cn;
                }
            }
        }
        for (DataField f : dataFields(marc, "082")) {
            String number = first(f, 'a');
            if (number != null) {
                String cn = Isbd.normalize(number.replace("/", "") + " " + (first(f, 'b') == null ? "" : first(f, 'b')));
                if (cn != null) {
                    return cn;
                }
            }
        }
        for (DataField f : dataFields(marc, "050")) {
            String cn = Isbd.normalize(first(f, 'a') == null ? null : join(f, "ab", " "));
            if (cn != null) {
                return cn;
            }
        }
        return null;
    }

    /** 852 $k $h $i $m (prefix, classification, item part, suffix), else $j (shelving control number). */
    private static String holdingsCallNumber(DataField f852) {
        String cn = Isbd.normalize(join(f852, "khim", " "));
        return cn != null ? cn : Isbd.normalize(first(f852, 'j'));
    }

    private static List<BibRecord.Copy> copies(Record marc, List<String> warnings) {
        List<BibRecord.Copy> copies = new ArrayList<>();
        for (DataField f : dataFields(marc, "852")) {
            if (first(f, 'b') == null && first(f, 'h') == null && first(f, 'j') == null && first(f, 'p') == null) {
                continue; // e.g. a serial's "universal pattern" 852 that only carries $x
            }
            String location = joinNonBlank(" - ", Isbd.clean(first(f, 'b')), Isbd.clean(first(f, 'c')));
            copies.add(new BibRecord.Copy(Isbd.normalize(first(f, 'p')), holdingsCallNumber(f), location,
                    BibRecord.Copy.Status.AVAILABLE, null));
        }
        for (DataField f : dataFields(marc, "952")) {
            String barcode = Isbd.normalize(first(f, 'p'));
            String label = barcode != null ? "copy " + barcode : "a copy without barcode";
            if (isSet(first(f, '0'))) {
                warnings.add(label + " is withdrawn (952$0) and was left out");
                continue;
            }
            String branch = Isbd.normalize(first(f, 'a'));
            if (branch == null) {
                branch = Isbd.normalize(first(f, 'b'));
            }
            String location = joinNonBlank(" - ", branch, Isbd.normalize(first(f, 'c')));
            BibRecord.Copy.Status status = BibRecord.Copy.Status.AVAILABLE;
            LocalDate due = null;
            String notForLoan = Isbd.normalize(first(f, '7'));
            if (notForLoan != null && notForLoan.startsWith("-") && isSet(notForLoan)) {
                status = BibRecord.Copy.Status.IN_PROCESSING; // Koha: negative values are "ordered"
            }
            String onLoan = Isbd.normalize(first(f, 'q'));
            if (onLoan != null) {
                status = BibRecord.Copy.Status.ON_LOAN;
                due = date(onLoan);
                if (due == null) {
                    warnings.add(label + ": due date '" + onLoan + "' (952$q) is not a date");
                }
            }
            if (isSet(first(f, '1'))) {
                status = BibRecord.Copy.Status.LOST;
                due = null;
            }
            copies.add(new BibRecord.Copy(barcode, Isbd.normalize(first(f, 'o')), location, status, due));
        }
        return copies;
    }

    /** Koha status subfields hold 0 (or nothing) for "no", any other number for a reason. */
    private static boolean isSet(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip();
        return !v.isEmpty() && !v.matches("0+");
    }

    private static LocalDate date(String text) {
        String t = text.strip();
        if (t.length() >= 10) {
            try {
                return LocalDate.parse(t.substring(0, 10));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    static DataField dataField(Record marc, String tag) {
        VariableField f = marc.getVariableField(tag);
        return f instanceof DataField d ? d : null;
    }

    static List<DataField> dataFields(Record marc, String tag) {
        List<DataField> fields = new ArrayList<>();
        for (VariableField f : marc.getVariableFields(tag)) {
            if (f instanceof DataField d) {
                fields.add(d);
            }
        }
        return fields;
    }

    private static String controlData(Record marc, String tag) {
        for (VariableField f : marc.getVariableFields(tag)) {
            if (f instanceof ControlField c) {
                return c.getData();
            }
        }
        return null;
    }

    private static String first(DataField f, char code) {
        for (Subfield sf : f.getSubfields(code)) {
            if (sf.getData() != null && !sf.getData().isBlank()) {
                return sf.getData();
            }
        }
        return null;
    }

    private static String join(DataField f, String codes, String separator) {
        List<String> parts = new ArrayList<>();
        for (Subfield sf : f.getSubfields()) {
            if (codes.indexOf(sf.getCode()) >= 0 && sf.getData() != null && !sf.getData().isBlank()) {
                parts.add(sf.getData().strip());
            }
        }
        return parts.isEmpty() ? null : String.join(separator, parts);
    }

    private static String joinNonBlank(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                present.add(p);
            }
        }
        return present.isEmpty() ? null : String.join(separator, present);
    }
}
