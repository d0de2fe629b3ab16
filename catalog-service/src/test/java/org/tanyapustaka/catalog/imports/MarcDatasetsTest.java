package org.tanyapustaka.catalog.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.catalog.imports.SharedData.failures;
import static org.tanyapustaka.catalog.imports.SharedData.file;
import static org.tanyapustaka.catalog.imports.SharedData.readMarc;
import static org.tanyapustaka.catalog.imports.SharedData.record;
import static org.tanyapustaka.catalog.imports.SharedData.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tanyapustaka.catalog.imports.BibRecord.Copy;

/** MARCXML from the Library of Congress marc2bibframe2 dataset (CC0). */
class MarcDatasetsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"british_library", "dnb", "gwu", "loc_general", "nlm", "oclc", "princeton"})
    void everyRecordOfEachInstitutionIsReadWithTitleAndId(String institution) {
        List<ReadOutcome> outcomes = readMarc("marc/loc-marc2bibframe2/dataset/" + institution + ".xml");

        assertThat(outcomes).hasSize(99); // SOURCES.md: 99 records each
        assertThat(failures(outcomes)).isEmpty();
        assertThat(outcomes).extracting(ReadOutcome::position).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 99).boxed().toList());
        assertThat(records(outcomes)).allSatisfy(r -> {
            assertThat(r.source()).isEqualTo("marcxml");
            assertThat(r.sourceId()).isNotBlank();
            assertThat(r.title()).isNotBlank().doesNotEndWith(" /").doesNotEndWith(" :");
            assertThat(r.deleted()).isFalse();
        });
    }

    @Test
    void libraryOfCongressRecordKeepsIsbnsPublisherYearAndSubjects() {
        BibRecord velikovsky = record(readMarc("marc/loc-marc2bibframe2/dataset/loc_general.xml"), "16972248");

        assertThat(velikovsky.title()).isEqualTo("Immanuel Velikovsky - The Truth Behind the Torment");
        assertThat(velikovsky.authors()).containsExactly("Sharon, Ruth Velikovsky");
        assertThat(velikovsky.isbns()).containsExactly("1906833214", "9781906833213");
        assertThat(velikovsky.publisher()).isEqualTo("Paradigma Ltd");
        assertThat(velikovsky.place()).isEqualTo("London");
        assertThat(velikovsky.year()).isEqualTo(2010);
        assertThat(velikovsky.language()).isEqualTo("eng");
        assertThat(velikovsky.subjects()).contains("Astronomers -- United States -- Biography", "Celestial mechanics");
    }

    @Test
    void subtitleAndDeweyCallNumberComeWithoutIsbdPunctuation() {
        BibRecord scholes = record(readMarc("marc/loc-marc2bibframe2/dataset/loc_general.xml"), "16614942");

        assertThat(scholes.title()).isEqualTo("Paul Scholes");
        assertThat(scholes.subtitle()).isEqualTo("the biography");
        assertThat(scholes.isbns()).containsExactly("9781844549511", "1844549518");
        assertThat(scholes.callNumber()).isEqualTo("796.334092"); // 082 "796.334/092" without prime marks
    }

    @Test
    void britishLibraryHoldingsBecomeCopiesWithLocationAndCallNumber() {
        List<ReadOutcome> outcomes = readMarc("marc/loc-marc2bibframe2/dataset/british_library.xml");
        BibRecord atlas = record(outcomes, "007177759");

        assertThat(atlas.title()).isEqualTo("OAG flight atlas. Worldwide");
        assertThat(atlas.copies()).containsExactly(
                new Copy(null, "(B) DIR 912.21 Business", "STI - BIPC", Copy.Status.AVAILABLE, null),
                new Copy(null, "6196.390250", "DSC", Copy.Status.AVAILABLE, null),
                new Copy(null, "(XP) AA 769 -E(11)", "STI - RES", Copy.Status.AVAILABLE, null));
        assertThat(atlas.callNumber()).isEqualTo("(B) DIR 912.21 Business");
        // the file has 111 852 fields, every one with a location ($b)
        assertThat(records(outcomes).stream().mapToInt(r -> r.copies().size()).sum()).isEqualTo(111);
    }

    @Test
    void rawControlCharacterInOneControlFieldFailsThatRecordAloneAndTheRestIsRead(@TempDir Path dir) throws IOException {
        // as a Koha database keeps a record whose 008 holds raw subfield delimiters (0x1F)
        String xml = Files.readString(file("marc/loc-marc2bibframe2/dataset/loc_general.xml"));
        int record50 = nthIndexOf(xml, "<marc:record ", 50);
        int field008 = xml.indexOf("<marc:controlfield tag=\"008\">", record50);
        int value = xml.indexOf('>', field008) + 1;
        Path dirty = Files.writeString(dir.resolve("loc-dirty.xml"),
                xml.substring(0, value + 6) + "\u001F" + xml.substring(value + 7));
        List<ReadOutcome> clean = readMarc("marc/loc-marc2bibframe2/dataset/loc_general.xml");

        List<ReadOutcome> outcomes = readMarc(dirty);

        assertThat(outcomes).hasSize(99);
        assertThat(failures(outcomes)).singleElement().satisfies(f -> {
            assertThat(f.position()).isEqualTo(50);
            assertThat(f.sourceId()).isEqualTo(clean.get(49).sourceId());
            assertThat(f.failure()).startsWith("record 50 (" + clean.get(49).sourceId() + "): contains control characters")
                    .contains("controlfield 008");
        });
        List<String> others = new ArrayList<>(records(clean).stream().map(BibRecord::sourceId).toList());
        others.remove(49);
        assertThat(records(outcomes)).extracting(BibRecord::sourceId).containsExactlyElementsOf(others);
        assertThat(outcomes.get(50).position()).isEqualTo(51);
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
