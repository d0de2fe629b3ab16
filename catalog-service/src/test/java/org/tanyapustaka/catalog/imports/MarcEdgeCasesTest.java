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
 * The deliberately broken and tricky test files of marc4j, pymarc, ruby-marc and traject: MARC-8 and UTF-8,
 * broken leaders and directories, truncated files, bad encodings, and files that are not MARC at all.
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
    void truncatedFileGivesItsWholeRecordsThenAFailureForTheCutOne() {
        List<ReadOutcome> outcomes = readMarc(EDGE + "marc4j/test/resources/008008027.mrc");

        assertThat(outcomes).hasSize(19); // SOURCES.md: 18 whole records and a cut one
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

        BibRecord vor = record(readMarc(EDGE + "marc4j/test/resources/cyrillic_capital_e.mrc"), "u6015439");
        assertThat(vor.title()).isEqualTo("Vor, shpion i ubiĭt͡sa");
        assertThat(vor.publisher()).isEqualTo("ĖKSMO");

        BibRecord botschafter = record(readMarc(EDGE + "marc4j/test/resources/selectedRecs.mrc"), "u3");
        assertThat(botschafter.authors()).containsExactly("Gontaut-Biron, Élie");
    }

    @Test
    void marc8AndUtf8EditionsOfTheSameRecordsReadTheSame() {
        List<BibRecord> marc8 = records(readMarc(EDGE + "marc4j/test/resources/brkrtest.mrc"));
        List<BibRecord> utf8 = records(readMarc(EDGE + "marc4j/test/resources/brkrtest_UTF8.mrc"));

        assertThat(marc8).hasSize(8).isEqualTo(utf8);
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
        byte[] chabon = Files.readAllBytes(file(EDGE + "marc4j/test/resources/chabon.mrc"));
        int second = indexOf(chabon, (byte) 0x1D) + 1;
        System.arraycopy("abcde".getBytes(StandardCharsets.US_ASCII), 0, chabon, second, 5);
        Path damaged = Files.write(dir.resolve("chabon-damaged.mrc"), chabon);

        List<ReadOutcome> outcomes = readMarc(damaged);

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).record().title()).isEqualTo("The amazing adventures of Kavalier and Clay");
        assertThat(outcomes.get(1).failure())
                .isEqualTo("record 2 (12883376): invalid leader (length 'abcde' is not a number)");
        assertThat(outcomes.get(1).sourceId()).isEqualTo("12883376");
    }

    @Test
    void recordsWithWrongLengthsAreRepairedWithWarnings() {
        List<ReadOutcome> outcomes = readMarc(EDGE + "marc4j/test/resources/bad_too_long_plus_2.mrc");

        assertThat(outcomes).hasSize(3).allMatch(ReadOutcome::ok);
        assertThat(outcomes.get(0).warnings()).anyMatch(w -> w.contains("the leader gives a length of 23375 bytes"));
        assertThat(outcomes.get(2).record().subtitle()).isEqualTo("par la frégate du Roi La Boudeuse et la flûte L'Etoile");
    }

    @Test
    void unimarcRecordsAreRefusedWithAHint() {
        List<ReadOutcome> outcomes = readMarc(EDGE + "marc4j/test/resources/pride-and-prejudice-fixed.mrc");

        assertThat(outcomes).hasSize(383);
        assertThat(records(outcomes)).hasSize(366);
        // 383 editions of Jane Austen's novels from Oxford, in many languages
        assertThat(records(outcomes)).filteredOn(r -> r.title().equals("Pride and prejudice")).hasSize(152);
        assertThat(records(outcomes)).extracting(BibRecord::title).contains("Orgueil et préjugés", "Rozważna i romantyczna");
        assertThat(failures(outcomes)).hasSize(17)
                .allSatisfy(f -> assertThat(f.failure()).contains("no title (245)", "probably UNIMARC"));
    }

    @Test
    void holdingsRecordsAreNotImportedAsTitles() {
        List<ReadOutcome> outcomes = readMarc(EDGE + "marc4j/test/resources/sample1.mrc");

        assertThat(failures(outcomes)).hasSize(4).allSatisfy(f -> assertThat(f.failure())
                .matches("record \\d+ \\(\\d+\\): a holdings record \\(leader/06 'x'\\), not a bibliographic record"));
        assertThat(records(outcomes)).hasSize(4);
    }

    @Test
    void kohaItemsGiveCopiesWithLoanStatusDueDateAndLocation() {
        ReadOutcome outcome = readMarc(EDGE + "marc4j/test/resources/datos-20161010-slice.mrc").get(0);
        List<Copy> copies = outcome.record().copies();

        assertThat(outcome.record().title()).isEqualTo("Calculadora graficadora TI-nspirecx CAS");
        // 965 items (952): 2 withdrawn ($0) are left out; 8 lost ($1), 1 of them also withdrawn; 151 on loan ($q)
        assertThat(copies).hasSize(963);
        assertThat(copies).filteredOn(c -> c.status() == Copy.Status.ON_LOAN).hasSize(151)
                .allMatch(c -> c.dueDate() != null);
        assertThat(copies).filteredOn(c -> c.status() == Copy.Status.LOST).hasSize(7);
        assertThat(copies).filteredOn(c -> "3560900209812".equals(c.barcode())).containsExactly(
                new Copy("3560900209812", "CALCULADORA TI-NSPIRE CX CAS", "BC - CRTEC", Copy.Status.ON_LOAN,
                        LocalDate.of(2016, 10, 11)));
        assertThat(outcome.warnings()).anyMatch(w -> w.contains("is withdrawn (952$0) and was left out"));
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
    void marcXmlFieldsWithoutTagOrCodeAreSkippedWithWarnings() {
        ReadOutcome noTag = readMarc(EDGE + "marc4j/test/resources/chabon-missing-datafield-tag.xml").get(0);
        ReadOutcome noCode = readMarc(EDGE + "marc4j/test/resources/chabon-missing-subfield-code.xml").get(0);

        assertThat(noTag.record().title()).isEqualTo("The amazing adventures of Kavalier and Clay");
        assertThat(noTag.warnings()).contains("a datafield without a tag was skipped");
        assertThat(noCode.warnings()).containsExactly("a subfield without a code in datafield 020 was skipped");
        assertThat(noCode.record().isbns()).isEmpty();
    }

    @Test
    void summaryComesFrom520AndOaiWrappedMarcIsFound() {
        BibRecord summerland = readMarc(EDGE + "marc4j/test/resources/summerland.xml").get(0).record();

        assertThat(summerland.title()).isEqualTo("Summerland");
        assertThat(summerland.authors()).containsExactly("Chabon, Michael");
        assertThat(summerland.publisher()).isEqualTo("Miramax Books/Hyperion Books for Children");
        assertThat(summerland.year()).isEqualTo(2002);
        assertThat(summerland.isbns()).containsExactly("0786808772", "0786816155");
        assertThat(summerland.summary()).startsWith("Ethan Feld, the worst baseball player in the history of the game");
        assertThat(summerland.subjects()).contains("Baseball -- Fiction", "Magic -- Fiction");

        List<ReadOutcome> alma = readMarc("oai-pmh/vufindharvest/marc.xml");
        assertThat(alma).hasSize(100).allMatch(ReadOutcome::ok);
    }

    @Test
    void filesThatAreNotMarcGiveOneFailureSayingSo() {
        assertThat(readMarc(EDGE + "marc4j/test/resources/brkrtest.mrk")).singleElement()
                .extracting(ReadOutcome::failure).asString().contains("MARCMaker text (.mrk) is not supported");
        assertThat(readMarc(EDGE + "pymarc/LICENSE")).singleElement()
                .extracting(ReadOutcome::failure).asString().startsWith("record 1: not a MARC file");
        assertThat(readMarc(EDGE + "marc4j/src/org/marc4j/samples/resources/modsoutput.xml")).singleElement()
                .extracting(ReadOutcome::failure).asString()
                .isEqualTo("record 1: no MARC records found in this XML (its root element is <modsCollection>)");
        assertThat(MarcImport.read(new ByteArrayInputStream(new byte[0])).toList()).singleElement()
                .extracting(ReadOutcome::failure).isEqualTo("record 1: the file is empty");
    }

    @Test
    void marcInJsonIsReadAndBrokenJsonEndsWithAFailure() {
        assertThat(readMarc(EDGE + "marc4j/test/resources/summerland-marc-in-json.json")).singleElement()
                .satisfies(o -> assertThat(o.record().title()).isEqualTo("Summerland"));
        assertThat(readMarc(EDGE + "marc4j/test/resources/illegal-marc-in-json.json")).singleElement()
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
