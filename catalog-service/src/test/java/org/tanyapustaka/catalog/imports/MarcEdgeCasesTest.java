package org.tanyapustaka.catalog.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.tanyapustaka.catalog.imports.SharedData.failures;
import static org.tanyapustaka.catalog.imports.SharedData.file;
import static org.tanyapustaka.catalog.imports.SharedData.readMarc;
import static org.tanyapustaka.catalog.imports.SharedData.record;
import static org.tanyapustaka.catalog.imports.SharedData.records;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tanyapustaka.catalog.imports.BibRecord.Copy;

/**
 * The deliberately broken and tricky test files of pymarc, ruby-marc and traject (MIT and BSD), and damage done
 * here to real records: MARC-8 and UTF-8, broken leaders and directories, truncated files, bad encodings, and
 * files that are not MARC at all.
 */
class MarcEdgeCasesTest {

    private static final Pattern FAILURE = Pattern.compile("record \\d+( \\(.+?\\))?: \\S.*", Pattern.DOTALL);
    private static final String EDGE = "marc/edge-cases/";

    static Stream<Path> everyEdgeCaseFile() {
        return SharedData.filesUnder(EDGE).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEdgeCaseFile")
    void everyFileIsReadToTheEndWithExplainedFailuresAndCleanRecords(Path path) {
        List<ReadOutcome> outcomes = new ArrayList<>();
        assertThatCode(() -> {
            try (Stream<ReadOutcome> stream = MarcImport.read(path)) {
                stream.forEach(outcomes::add);
            }
        }).doesNotThrowAnyException();

        assertThat(outcomes).isNotEmpty();
        for (int i = 0; i < outcomes.size(); i++) {
            assertThat(outcomes.get(i).position()).as("positions count records from 1").isEqualTo(i + 1);
        }
        assertThat(failures(outcomes)).allSatisfy(f -> {
            assertThat(f.failure()).matches(FAILURE).startsWith("record " + f.position())
                    .doesNotContain("Exception", "\tat ", "java.", "null");
            assertThat(f.record()).isNull();
        });
        assertThat(records(outcomes)).allSatisfy(r -> {
            assertThat(r.title()).isNotBlank();
            assertThat(r.source()).isIn("marc", "marcxml", "marcjson");
            assertThat(String.join("|", r.title(), String.valueOf(r.subtitle()), String.join("|", r.authors()),
                    String.valueOf(r.publisher()), String.join("|", r.subjects())))
                    .doesNotContainPattern("[\\x00-\\x1F\\uFDD0]");
            assertThat(r.isbns()).allMatch(isbn -> isbn.matches("[0-9]{9}[0-9X]|[0-9]{13}"));
            if (r.year() != null) {
                assertThat(r.year()).isBetween(1000, LocalDate.now().getYear() + 5);
            }
            if (r.language() != null) {
                assertThat(r.language()).matches("[a-z]{3}");
            }
        });
    }

    @Test
    void truncatedFileGivesItsWholeRecordsThenAFailureForTheCutOne(@TempDir Path dir) throws IOException {
        byte[] twenty = Files.readAllBytes(file(EDGE + "pymarc/test/marc.dat")); // 20 records
        int end18 = nthIndexOf(twenty, (byte) 0x1D, 18) + 1;
        int end19 = nthIndexOf(twenty, (byte) 0x1D, 19) + 1;
        Path file = Files.write(dir.resolve("cut.mrc"), Arrays.copyOf(twenty, (end18 + end19) / 2));

        List<ReadOutcome> outcomes = readMarc(file);

        assertThat(outcomes).hasSize(19); // 18 whole records and the cut 19th
        assertThat(outcomes.subList(0, 18)).allMatch(ReadOutcome::ok);
        ReadOutcome cut = outcomes.get(18);
        assertThat(cut.ok()).isFalse();
        assertThat(cut.position()).isEqualTo(19);
        assertThat(cut.failure()).startsWith("record 19").contains("ends in the middle of this record", "truncated");
    }

    @Test
    void marc8DiacriticsBecomeComposedUnicode() {
        BibRecord globalizacao = readMarc(EDGE + "traject/test/test_support/one-marc8.mrc").get(0).record();
        assertThat(globalizacao.title()).isEqualTo("Por uma outra globalização");
        assertThat(globalizacao.subtitle()).isEqualTo("do pensamemto único à consciência universal");
        assertThat(globalizacao.authors()).containsExactly("Santos, Mílton");
        assertThat(Normalizer.isNormalized(globalizacao.title(), Normalizer.Form.NFC)).isTrue();

        // Library of Congress romanisation of Russian: capital E with dot above, ligature ties
        BibRecord etiud = record(readMarc(EDGE + "pymarc/test/regression45.dat"), "prk2000001903");
        assertThat(etiud.title()).isEqualTo("Ėti͡ud. Vo dvori͡e t͡serkvi Voskresenīi͡a. [Kostroma]");
        assertThat(Normalizer.isNormalized(etiud.title(), Normalizer.Form.NFC)).isTrue();
    }

    @Test
    void marc8AndUtf8EditionsOfTheSameRecordReadTheSame() {
        List<BibRecord> marc8 = records(readMarc(EDGE + "pymarc/test/marc8.dat"));
        List<BibRecord> utf8 = records(readMarc(EDGE + "pymarc/test/utf8_with_leader_flag.dat"));
        List<BibRecord> utf8Unflagged = records(readMarc(EDGE + "pymarc/test/utf8_without_leader_flag.dat"));

        assertThat(marc8).hasSize(1).isEqualTo(utf8).isEqualTo(utf8Unflagged);
    }

    @Test
    void isoXmlAndJsonSerialisationsOfOneCatalogueGiveEqualRecords() {
        String base = EDGE + "traject/test/test_support/test_data.utf8.";
        List<BibRecord> iso = records(readMarc(base + "mrc"));
        List<BibRecord> xml = records(readMarc(base + "marc.xml"));
        List<BibRecord> json = records(readMarc(base + "json"));

        assertThat(iso).hasSize(30);
        assertThat(withoutSource(xml)).isEqualTo(withoutSource(iso));
        assertThat(withoutSource(json)).isEqualTo(withoutSource(iso));
        assertThat(iso).extracting(BibRecord::source).containsOnly("marc");
        assertThat(xml).extracting(BibRecord::source).containsOnly("marcxml");
    }

    @Test
    void recordStatusDeletedInTheLeaderMarksTheRecordDeleted() {
        List<ReadOutcome> outcomes = readMarc(EDGE + "traject/test/test_support/test_data.utf8.mrc");

        assertThat(records(outcomes)).filteredOn(BibRecord::deleted).singleElement().satisfies(r -> {
            assertThat(r.title()).isEqualTo("Kubo Sakae \"Kazanbaichi\" o yomu"); // leader/05 'd' keeps its data
            assertThat(outcomes.get(3).record()).isSameAs(r);
        });
    }

    @Test
    void dataWithoutRecordTerminatorsIsCutOffInsteadOfFillingMemory() {
        byte[] garbage = new byte[MarcImport.MAX_RECORD_BYTES + 1000];
        Arrays.fill(garbage, (byte) '0');

        List<ReadOutcome> outcomes = MarcImport.read(new ByteArrayInputStream(garbage)).toList();

        assertThat(outcomes).singleElement().extracting(ReadOutcome::failure)
                .isEqualTo("record 1: no record terminator within 4 MB; the data up to the next terminator was skipped");
    }

    @Test
    void marc8RecordMislabelledAsUtf8IsStillDecoded() {
        ReadOutcome outcome = readMarc(EDGE + "ruby-marc/test/marc8_accented_chars.marc").get(0);

        assertThat(outcome.record().authors()).containsExactly("Serreau, Geneviève");
        assertThat(outcome.record().title()).isEqualTo("Histoire du \"nouveau théâtre.\"");
        assertThat(outcome.warnings()).anyMatch(w -> w.contains("claims to be UTF-8"));
    }

    @Test
    void brokenMarc8EscapeKeepsTheRecordWithAWarning() {
        ReadOutcome outcome = readMarc(EDGE + "pymarc/test/bad_marc8_escape.dat").get(0);

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.sourceId()).isEqualTo("2429943");
        assertThat(outcome.record().title()).startsWith("Bulletin de la Soci");
        assertThat(outcome.warnings()).anyMatch(w -> w.contains("could not be converted to Unicode"));
    }

    @Test
    void brokenLeadersAndDirectoriesAreReportedPerRecordAndTheRestIsRead() {
        List<ReadOutcome> outcomes = readMarc(EDGE + "pymarc/test/bad_records.mrc");

        assertThat(outcomes).hasSize(8);
        assertThat(outcomes).extracting(ReadOutcome::ok)
                .containsExactly(true, false, false, true, false, false, false, true);
        assertThat(outcomes.get(0).record().title()).isEqualTo("The pragmatic programmer");
        assertThat(outcomes.get(0).record().subtitle()).isEqualTo("from journeyman to master");
        assertThat(failures(outcomes)).extracting(ReadOutcome::failure).containsExactly(
                "record 2: invalid leader (base address of data 99937 lies outside the record of 127 bytes)",
                "record 3: invalid leader (base address of data 0 would put the data inside the leader)",
                "record 5: directory entry 1 (tag '245') has a length or position that is not a number ('Ã¹0890000')",
                "record 6: invalid leader (base address of data 'f0037' is not a number)",
                "record 7: no title (245)");
    }

    @Test
    void recordWithNonNumericLengthFailsAloneWithTheLeaderQuoted(@TempDir Path dir) throws IOException {
        byte[] batch = Files.readAllBytes(file(EDGE + "ruby-marc/test/batch.dat"));
        int second = indexOf(batch, (byte) 0x1D) + 1;
        System.arraycopy("abcde".getBytes(StandardCharsets.US_ASCII), 0, batch, second, 5);
        Path damaged = Files.write(dir.resolve("batch-damaged.mrc"), batch);

        List<ReadOutcome> outcomes = readMarc(damaged);

        assertThat(outcomes).hasSize(10);
        assertThat(outcomes.get(0).record().title()).isEqualTo("ActivePerl with ASP and ADO");
        assertThat(outcomes.get(1).failure())
                .isEqualTo("record 2 (fol05754809): invalid leader (length 'abcde' is not a number)");
        assertThat(outcomes.get(1).sourceId()).isEqualTo("fol05754809");
        assertThat(outcomes.subList(2, 10)).allMatch(ReadOutcome::ok);
    }

    @Test
    void recordsWithWrongLengthsAreRepairedWithWarnings(@TempDir Path dir) throws IOException {
        byte[] batch = Files.readAllBytes(file(EDGE + "ruby-marc/test/batch.dat"));
        byte[] three = Arrays.copyOf(batch, nthIndexOf(batch, (byte) 0x1D, 3) + 1);
        int length = Integer.parseInt(new String(three, 0, 5, StandardCharsets.US_ASCII));
        System.arraycopy("%05d".formatted(length + 2).getBytes(StandardCharsets.US_ASCII), 0, three, 0, 5);
        Path damaged = Files.write(dir.resolve("too-long-plus-2.mrc"), three);

        List<ReadOutcome> outcomes = readMarc(damaged);

        assertThat(outcomes).hasSize(3).allMatch(ReadOutcome::ok);
        assertThat(outcomes.get(0).warnings())
                .anyMatch(w -> w.contains("the leader gives a length of " + (length + 2) + " bytes, the record has " + length));
        assertThat(outcomes.get(0).record().title()).isEqualTo("ActivePerl with ASP and ADO");
        assertThat(outcomes.get(2).record().subtitle()).isEqualTo("programmer's reference");
    }

    @Test
    void unimarcRecordsAreRefusedWithAHint() {
        List<ReadOutcome> outcomes = readMarc(EDGE + "pymarc/test/testunimarc.dat");

        assertThat(outcomes).singleElement().satisfies(f -> assertThat(f.failure())
                .isEqualTo("record 1 (IT\\ICCU\\ANA\\0019370): no title (245); it has a 200 field, so it is probably "
                        + "UNIMARC, which is not supported (only MARC 21)"));
    }

    @Test
    void holdingsRecordsAreNotImportedAsTitles(@TempDir Path dir) throws IOException {
        byte[] twenty = Files.readAllBytes(file(EDGE + "pymarc/test/marc.dat"));
        for (int n : new int[] {2, 4, 6, 8}) { // leader/06 'x': single-part item holdings
            twenty[nthIndexOf(twenty, (byte) 0x1D, n - 1) + 1 + 6] = 'x';
        }
        Path holdings = Files.write(dir.resolve("with-holdings.mrc"), twenty);

        List<ReadOutcome> outcomes = readMarc(holdings);

        assertThat(failures(outcomes)).extracting(ReadOutcome::position).containsExactly(2, 4, 6, 8);
        assertThat(failures(outcomes)).allSatisfy(f -> assertThat(f.failure())
                .matches("record \\d+ \\(\\d+\\): a holdings record \\(leader/06 'x'\\), not a bibliographic record"));
        assertThat(records(outcomes)).hasSize(16);
    }

    @Test
    void kohaItemsGiveCopiesWithLoanStatusDueDateAndLocation() {
        ReadOutcome outcome = readMarc("marc/own/holdings-and-items.xml").stream()
                .filter(o -> "TP-B042".equals(o.sourceId())).findFirst().orElseThrow();
        List<Copy> copies = outcome.record().copies();

        assertThat(outcome.record().title()).isEqualTo("Dasar pemrograman Python");
        // 7 items (952): 1 withdrawn ($0) is left out; 1 lost ($1); 2 on loan with a due date ($q), 1 with an
        // unreadable one; 1 on order (negative $7)
        assertThat(copies).containsExactly(
                new Copy("B042-1", "005.133 KAD d", "PUSAT - SIRKULASI", Copy.Status.AVAILABLE, null),
                new Copy("B042-2", "005.133 KAD d", "PUSAT - SIRKULASI", Copy.Status.ON_LOAN, LocalDate.of(2026, 10, 11)),
                new Copy("B042-3", "005.133 KAD d", "PUSAT - SIRKULASI", Copy.Status.ON_LOAN, LocalDate.of(2026, 10, 18)),
                new Copy("B042-4", "005.133 KAD d", "FT - REFERENSI", Copy.Status.LOST, null),
                new Copy("B042-6", "005.133 KAD d", "FT", Copy.Status.IN_PROCESSING, null),
                new Copy("B042-7", null, "PUSAT", Copy.Status.ON_LOAN, null));
        assertThat(outcome.record().callNumber()).isEqualTo("005.133 KAD d"); // the first copy's, before 082
        assertThat(outcome.warnings()).containsExactly("copy B042-5 is withdrawn (952$0) and was left out",
                "copy B042-7: due date 'besok' (952$q) is not a date");
    }

    @Test
    void serialPatternHoldingsAreNotCopies() {
        BibRecord journal = record(readMarc("marc/own/holdings-and-items.xml"), "TP-S001");

        // two 852s only carry a "universal pattern" ($x); the third is the library's run of the journal
        assertThat(journal.copies()).containsExactly(
                new Copy(null, "JPI 2015-2024", "PUSAT", Copy.Status.AVAILABLE, null));
    }

    @Test
    void xmlThatStopsBeingWellFormedGivesTheRecordsBeforeAndOneFailure(@TempDir Path dir) throws IOException {
        String xml = Files.readString(file("marc/loc-marc2bibframe2/dataset/loc_general.xml"));
        int record51 = nthIndexOf(xml, "<marc:record ", 51);
        int afterStartTag = xml.indexOf('>', record51) + 1;
        Path broken = Files.writeString(dir.resolve("loc-broken.xml"),
                xml.substring(0, afterStartTag) + "<unclosed>" + xml.substring(afterStartTag));

        List<ReadOutcome> outcomes = readMarc(broken);

        assertThat(outcomes).hasSize(51);
        assertThat(outcomes.subList(0, 50)).allMatch(ReadOutcome::ok);
        assertThat(outcomes.get(50).failure()).startsWith("record 51: the XML is not well-formed (line ")
                .contains("records after this point cannot be read");
    }

    @Test
    void xmlCutOffMidwayGivesTheRecordsBeforeTheCut(@TempDir Path dir) throws IOException {
        byte[] xml = Files.readAllBytes(file("marc/loc-marc2bibframe2/dataset/oclc.xml"));
        Path cut = Files.write(dir.resolve("oclc-cut.xml"), Arrays.copyOf(xml, xml.length / 2));

        List<ReadOutcome> outcomes = readMarc(cut);

        assertThat(outcomes.get(outcomes.size() - 1).failure()).contains("the XML is not well-formed");
        assertThat(records(outcomes)).hasSize(outcomes.size() - 1).hasSizeGreaterThan(30);
    }

    @Test
    void controlCharacterInOneXmlRecordFailsOnlyThatRecord() {
        List<ReadOutcome> outcomes = readMarc(EDGE + "ruby-marc/test/three-records-second-bad.xml");

        assertThat(outcomes).extracting(ReadOutcome::ok).containsExactly(true, false, true);
        assertThat(outcomes.get(1).failure()).isEqualTo(
                "record 2 (afc99990058366): contains control characters that XML does not allow, in datafield 245");
    }

    @Test
    void marcXmlFieldsWithoutTagOrCodeAreSkippedWithWarnings(@TempDir Path dir) throws IOException {
        String xml = Files.readString(file(EDGE + "ruby-marc/test/batch.xml"));
        String first = xml.substring(0, xml.indexOf("</marc:record>") + "</marc:record>".length())
                + "</marc:collection>";
        String withIsbn = first.replace("<marc:datafield tag=\"245\"", """
                <marc:datafield tag="020" ind1=" " ind2=" "><marc:subfield>9780000000002</marc:subfield></marc:datafield>
                <marc:datafield tag="245\"""");
        ReadOutcome noTag = readMarc(Files.writeString(dir.resolve("no-tag.xml"),
                first.replaceFirst("<marc:datafield tag=\"[0-9]+\"", "<marc:datafield"))).get(0);
        ReadOutcome noCode = readMarc(Files.writeString(dir.resolve("no-code.xml"), withIsbn)).get(0);

        assertThat(noTag.record().title()).isEqualTo("The Great Ray Charles");
        assertThat(noTag.warnings()).contains("a datafield without a tag was skipped");
        assertThat(noCode.warnings()).containsExactly("a subfield without a code in datafield 020 was skipped");
        assertThat(noCode.record().isbns()).isEmpty();
    }

    @Test
    void summaryComesFrom520AndOaiWrappedMarcIsFound() {
        BibRecord whiteHouse = readMarc(EDGE + "ruby-marc/test/batch.xml").get(1).record();

        assertThat(whiteHouse.title()).isEqualTo("The White House");
        assertThat(whiteHouse.authors()).containsExactly("White House Web Team");
        assertThat(whiteHouse.summary()).startsWith("Features the White House. Highlights the");

        List<ReadOutcome> harvested = readMarc("oai-pmh/own/ListRecords-marc21.xml");
        assertThat(harvested).hasSize(99).allMatch(ReadOutcome::ok);
    }

    @Test
    void filesThatAreNotMarcGiveOneFailureSayingSo(@TempDir Path dir) throws IOException {
        Path marcMaker = Files.writeString(dir.resolve("export.mrk"), """
                =LDR  00000nam  2200000 a 4500
                =001  TP-B042
                =245  10$aDasar pemrograman Python /$cAbdul Kadir.
                """);
        Path mods = Files.writeString(dir.resolve("mods.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <modsCollection xmlns="http://www.loc.gov/mods/v3">
                  <mods><titleInfo><title>Dasar pemrograman Python</title></titleInfo></mods>
                </modsCollection>
                """);
        assertThat(readMarc(marcMaker)).singleElement()
                .extracting(ReadOutcome::failure).asString().contains("MARCMaker text (.mrk) is not supported");
        assertThat(readMarc(EDGE + "pymarc/LICENSE")).singleElement()
                .extracting(ReadOutcome::failure).asString().startsWith("record 1: not a MARC file");
        assertThat(readMarc(mods)).singleElement()
                .extracting(ReadOutcome::failure).asString()
                .isEqualTo("record 1: no MARC records found in this XML (its root element is <modsCollection>)");
        assertThat(MarcImport.read(new ByteArrayInputStream(new byte[0])).toList()).singleElement()
                .extracting(ReadOutcome::failure).isEqualTo("record 1: the file is empty");
    }

    @Test
    void marcInJsonIsReadAndBrokenJsonEndsWithAFailure(@TempDir Path dir) throws IOException {
        Path json = file(EDGE + "pymarc/test/one.json");
        byte[] whole = Files.readAllBytes(json);
        Path cut = Files.write(dir.resolve("cut.json"), Arrays.copyOf(whole, whole.length / 2));

        assertThat(readMarc(json)).singleElement()
                .satisfies(o -> assertThat(o.record().title()).isEqualTo("ActivePerl with ASP and ADO"));
        assertThat(readMarc(cut)).singleElement()
                .extracting(ReadOutcome::failure).asString().startsWith("record 1: the JSON cannot be read");
    }

    private static List<BibRecord> withoutSource(List<BibRecord> records) {
        return records.stream().map(r -> new BibRecord(null, r.sourceId(), r.title(), r.subtitle(), r.authors(),
                r.publisher(), r.place(), r.year(), r.isbns(), r.language(), r.subjects(), r.callNumber(), r.summary(),
                r.copies(), r.deleted())).toList();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int nthIndexOf(byte[] bytes, byte b, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            do {
                at++;
            } while (at < bytes.length && bytes[at] != b);
            if (at == bytes.length) {
                return -1;
            }
        }
        return at;
    }

    private static int nthIndexOf(String s, String what, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(what, at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }
}
