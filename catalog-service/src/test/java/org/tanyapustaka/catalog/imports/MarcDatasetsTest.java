package org.tanyapustaka.catalog.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.catalog.imports.SharedData.failures;
import static org.tanyapustaka.catalog.imports.SharedData.readMarc;
import static org.tanyapustaka.catalog.imports.SharedData.record;
import static org.tanyapustaka.catalog.imports.SharedData.records;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tanyapustaka.catalog.imports.BibRecord.Copy;

/** MARCXML from the Library of Congress marc2bibframe2 dataset and the Koha developers' sample catalogue. */
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
    void kohaSampleReadsAll435WellFormedRecords() {
        List<ReadOutcome> outcomes = readMarc("marc/koha-sample/koha-misc4dev-biblios-marc21.wellformed.xml");

        assertThat(outcomes).hasSize(435);
        assertThat(failures(outcomes)).isEmpty();
        BibRecord first = outcomes.get(0).record();
        assertThat(first.sourceId()).isEqualTo("17446121");
        assertThat(first.title()).isEqualTo("E Street shuffle");
        assertThat(first.subtitle()).isEqualTo("the glory days of Bruce Springsteen & the E Street Band");
        assertThat(first.authors()).containsExactly("Heylin, Clinton");
        assertThat(first.isbns()).containsExactly("9780670026623");
        assertThat(first.year()).isEqualTo(2013);
        assertThat(first.callNumber()).isEqualTo("782.42166092"); // 082 first $a; 050 is the LC fallback
    }

    @Test
    void kohaHoldingWithShelvingControlNumberBecomesACopy() {
        List<ReadOutcome> outcomes = readMarc("marc/koha-sample/koha-misc4dev-biblios-marc21.wellformed.xml");

        List<BibRecord> withCopies = records(outcomes).stream().filter(r -> !r.copies().isEmpty()).toList();
        // the sample keeps no Koha items (952); its only real holding is a British Library 852, the other 852s
        // are serial prediction patterns ("universal pattern") and must not become copies
        assertThat(withCopies).hasSize(1);
        assertThat(withCopies.get(0).authors()).contains("Hamilton-James, Charlie");
        assertThat(withCopies.get(0).copies()).containsExactly(
                new Copy(null, "YK.2011.b.6476", "HMNTS", Copy.Status.AVAILABLE, null));
    }

    @Test
    void kohaRecordWithRawControlCharactersFailsAloneAndTheRestIsRead() {
        List<ReadOutcome> outcomes = readMarc("marc/koha-sample/koha-misc4dev-biblios-marc21.xml");
        List<ReadOutcome> wellFormed = readMarc("marc/koha-sample/koha-misc4dev-biblios-marc21.wellformed.xml");

        assertThat(outcomes).hasSize(436);
        assertThat(failures(outcomes)).singleElement().satisfies(f -> {
            assertThat(f.position()).isEqualTo(368);
            assertThat(f.sourceId()).isEqualTo("369"); // Koha biblionumber, 999$c
            assertThat(f.failure()).startsWith("record 368 (369): contains control characters")
                    .contains("controlfield 008");
        });
        assertThat(records(outcomes)).extracting(BibRecord::sourceId)
                .containsExactlyElementsOf(records(wellFormed).stream().map(BibRecord::sourceId).toList());
        assertThat(outcomes.get(368).position()).isEqualTo(369);
    }
}
