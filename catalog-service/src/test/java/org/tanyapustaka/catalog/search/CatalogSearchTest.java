package org.tanyapustaka.catalog.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.catalog.CatalogueFixture;
import org.tanyapustaka.testsupport.TanyaTestResource;

@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class CatalogSearchTest {

    @Inject
    CatalogSearch search;

    @Inject
    CatalogueFixture catalogue;

    @Inject
    EntityManager em;

    @BeforeEach
    void loadCatalogue() {
        catalogue.load();
    }

    @Transactional
    SearchResult find(String text) {
        return find(text, 1);
    }

    @Transactional
    SearchResult find(String text, int page) {
        return search.search(ChatQuery.parse(text), page);
    }

    List<String> titles(String text) {
        return find(text).hits().stream().map(SearchResult.Hit::title).toList();
    }

    @Test
    void misspelledWordsFindTheirTitles() {
        assertThat(titles("algoritme").get(0)).startsWith("Algoritma");
        assertThat(titles("pemograman")).anyMatch(t -> t.contains("Pemrograman"));
        assertThat(find("pemograman").suggestions()).contains("pemrograman");
    }

    @Test
    void indonesianStemmingFindsWordsOfTheSameFamily() {
        // "pembangunan" and "membangun" share the stem "bangun".
        assertThat(find("pembangunan").hits()).isNotEmpty();
        assertThat(titles("membangun")).isNotEmpty();
    }

    @Test
    void exactTitleComesFirst() {
        assertThat(titles("laskar pelangi").get(0)).isEqualTo("Laskar Pelangi");
        assertThat(titles("Laskar Pelangi").get(0)).isEqualTo("Laskar Pelangi");
    }

    @Test
    void chatQuestionsAreReadForWhatTheyAsk() {
        assertThat(titles("kak ada buku laskar pelangi ga?").get(0)).isEqualTo("Laskar Pelangi");
        assertThat(titles("tolong cariin buku laskar pelangi min").get(0)).isEqualTo("Laskar Pelangi");
        SearchResult tereLiye = find("buku karangan Tere Liye");
        assertThat(tereLiye.hits()).isNotEmpty().allMatch(h -> h.firstAuthor().contains("Tere Liye") || h.firstAuthor().contains("Liye"));
        assertThat(ChatQuery.parse("cari buku algoritma dong kak").terms()).containsExactly("algoritma");
    }

    @Test
    void wordVariantsTheStemmerMissesFindTheSameBooks() {
        // A word and its longer form, either way round.
        assertThat(titles("ekonometrik")).anyMatch(t -> t.contains("Ekonometrika"));
        assertThat(titles("matematik")).anyMatch(t -> t.startsWith("Matematika Diskrit"));
        assertThat(titles("statistika")).isEqualTo(titles("statistik"));
        // The old spelling of a name: Koentjaraningrat as "kuncaraningrat".
        assertThat(find("kuncaraningrat").hits()).isNotEmpty()
                .allMatch(h -> h.firstAuthor().equals("Koentjaraningrat"));
        // Short words keep their meaning: "hukum" is not widened to longer words.
        assertThat(find("hukum").terms()).containsExactly("hukum");
    }

    @Test
    void acronymsAndNicknamesFromTheLibrariansListFindTheirBooks() {
        assertThat(find("buku pkn").hits()).extracting(SearchResult.Hit::title).contains("Pendidikan Pancasila");
        assertThat(find("buku tere").hits()).isNotEmpty().allMatch(h -> h.firstAuthor().equals("Liye, Tere"));
        assertThat(titles("buku sig").get(0)).isEqualTo("Sistem Informasi Geografis");
    }

    @Test
    void englishSubjectTermsFindIndonesianBooksAndBack() {
        assertThat(titles("plant physiology")).contains("Dasar-Dasar Fisiologi Tumbuhan");
        assertThat(titles("econometrics")).contains("Analisis Ekonometrika dan Statistika dengan EViews", "Basic Econometrics");
    }

    @Test
    void chatFillerIsLeftOutBeforeSearching() {
        assertThat(ChatQuery.parse("kak ada buku2 ttg fotosintesis gak?").terms()).containsExactly("fotosintesis");
        assertThat(ChatQuery.parse("referensi buat skripsi ttg kinerja karyawan dong").terms())
                .containsExactly("kinerja", "karyawan");
        assertThat(ChatQuery.parse("buku skripsi").terms()).containsExactly("skripsi");
        assertThat(find("ada buku2 ttg kalkulus gak kak").terms()).containsExactly("kalkulus");
    }

    @Test
    void resultsWithOnlySomeOfTheWordsAreMarkedPartial() {
        SearchResult some = find("pemrograman rendang");
        assertThat(some.hits()).isNotEmpty();
        assertThat(some.partial()).isTrue();
        assertThat(find("laskar pelangi").partial()).isFalse();
        assertThat(find("pemrograman").partial()).isFalse();
    }

    @Test
    void anIsbn10FindsTheBookCataloguedWithItsIsbn13() {
        assertThat(CatalogSearch.isbnForms("979306279X")).hasSize(2);
        assertThat(CatalogSearch.isbnForms("9789793062792")).containsExactly("9789793062792", "9793062797");
        assertThat(titles("isbn 979-3062-79-7")).containsExactly("Laskar Pelangi");
    }

    @Test
    void isbnWithOrWithoutHyphensFindsTheBook() {
        assertThat(titles("isbn 978-979-3062-79-2")).containsExactly("Laskar Pelangi");
        assertThat(titles("9789793062792")).containsExactly("Laskar Pelangi");
    }

    @Test
    void availableCopiesAreShownWithTheirShelf() {
        SearchResult.Hit hit = find("laskar pelangi").hits().get(0);
        assertThat(hit.copies()).isEqualTo(5);
        assertThat(hit.available()).isEqualTo(5);
        assertThat(hit.location()).isEqualTo("Lantai 1 - Fiksi");
        assertThat(hit.callNumber()).isEqualTo("899.2213 HIR l");
    }

    @Test
    void nothingFoundIsAnEmptyResultNotAnError() {
        assertThat(find("resep rendang padang").total()).isZero();
        assertThat(find("cari buku").hits()).isEmpty();
    }

    @Test
    void wordsNoRecordHasAnswerEmpty() {
        SearchResult resepRendang = find("resep rendang");
        assertThat(resepRendang.total()).isZero();
        assertThat(resepRendang.hits()).isEmpty();
        assertThat(resepRendang.suggestions()).isEmpty();
        assertThat(resepRendang.terms()).containsExactly("resep", "rendang");
        // "harry" is close to a catalogue word ("Hary"), but no record has that word and "potter".
        SearchResult harryPotter = find("harry potter");
        assertThat(harryPotter.total()).isZero();
        assertThat(harryPotter.hits()).isEmpty();
        assertThat(harryPotter.suggestions()).containsExactly("hary");
    }

    @Test
    void aKnownWordBesideOneNoRecordHasFindsTheKnownWordsRecords() {
        SearchResult result = find("pemrograman rendang");
        assertThat(result.total()).isEqualTo(find("pemrograman").total()).isPositive();
        assertThat(result.hits().get(0).title()).containsIgnoringCase("pemrograman");
    }

    @Test
    void totalCountsEveryMatchOnEveryPageEvenPastTheLast() {
        long matching = ((Number) em.createNativeQuery("""
                SELECT count(*) FROM bib_record WHERE search_vector @@ (plainto_tsquery('simple', 'sistem')
                    || plainto_tsquery('indonesian', 'sistem') || plainto_tsquery('english', 'sistem'))""")
                .getSingleResult()).longValue();
        assertThat(matching).isGreaterThan(2L * CatalogSearch.PAGE_SIZE);
        SearchResult first = find("sistem", 1);
        SearchResult second = find("sistem", 2);
        SearchResult beyond = find("sistem", 100);
        assertThat(List.of(first.total(), second.total(), beyond.total())).containsOnly((int) matching);
        assertThat(first.hits()).hasSize(CatalogSearch.PAGE_SIZE);
        assertThat(second.hits()).hasSize(CatalogSearch.PAGE_SIZE);
        assertThat(second.hits().stream().map(SearchResult.Hit::id))
                .doesNotContainAnyElementsOf(first.hits().stream().map(SearchResult.Hit::id).toList());
        assertThat(beyond.hits()).isEmpty();
    }

    @Test
    void authorsAreKeyedInBothNameOrders() {
        List<String> keys = em.createNativeQuery("""
                SELECT unnest(author_keys) FROM bib_record WHERE source = 'catalogue-csv' AND source_id = 'B007'""", String.class)
                .getResultList();
        // Catalogued as "Kadir, Abdul; Triwahyuni, Terra Ch.".
        assertThat(keys).containsExactlyInAnyOrder("kadir abdul", "abdul kadir", "triwahyuni terra ch",
                "terra ch triwahyuni");
        assertThat(find("karangan Abdul Kadir").hits()).isNotEmpty().allMatch(h -> h.firstAuthor().startsWith("Kadir, Abdul"));
        assertThat(find("karangan Kadir Abdul").hits()).isNotEmpty().allMatch(h -> h.firstAuthor().startsWith("Kadir, Abdul"));
    }

    @Test
    void aTermsQueryMatchesAndRanksAsItsThreeFormsSideBySide() {
        for (String word : List.of("hukum", "pemrograman", "perdata", "the", "sistem-informasi", "ekonomi", "Pramoedya")) {
            Object[] r = (Object[]) em.createNativeQuery("""
                    SELECT count(*) FILTER (WHERE search_vector @@ catalog_term_query(?1)),
                           count(*) FILTER (WHERE search_vector @@ (f.s || f.i || f.e)),
                           sum(ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search_vector, catalog_term_query(?1), 1)),
                           sum(ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search_vector, f.s || f.i || f.e, 1))
                    FROM bib_record,
                         (SELECT plainto_tsquery('simple', catalog_unaccent(?1)) AS s,
                                 plainto_tsquery('indonesian', catalog_unaccent(?1)) AS i,
                                 plainto_tsquery('english', catalog_unaccent(?1)) AS e) AS f""")
                    .setParameter(1, word).getSingleResult();
            assertThat(r[0]).as(word).isEqualTo(r[1]);
            assertThat(((Number) r[2]).doubleValue()).as(word)
                    .isCloseTo(((Number) r[3]).doubleValue(), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(((Number) find("hukum").total()).intValue()).isPositive();
    }

    @Test
    void searchStatementsArePlannedWithTheirWords() {
        // A generic plan cannot tell "hukum" (a quarter of a large catalogue) from a rare word.
        assertThat(em.createNativeQuery("SHOW plan_cache_mode").getSingleResult()).isEqualTo("force_custom_plan");
    }

    @Test
    void scansOfALargeCatalogueStartAtItsFirstPage() {
        // Otherwise a common word's capped candidates, and so its page 2, would depend on where the last scan was.
        assertThat(em.createNativeQuery("SHOW synchronize_seqscans").getSingleResult()).isEqualTo("off");
    }

    /** The public judgements: how often a relevant title is in the first five. */
    @Test
    void publicSearchJudgementsFindARelevantTitleInTheFirstFive() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../data/indonesian/search-judgements-public.tsv"));
        int judged = 0;
        int found = 0;
        List<String> misses = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            if (columns.length < 2 || columns[1].isBlank()) {
                continue;
            }
            judged++;
            List<Long> relevant = Arrays.stream(columns[1].split(",")).map(String::strip).map(CatalogueFixture::idOf).toList();
            List<Long> top = find(columns[0]).hits().stream().map(SearchResult.Hit::id).toList();
            if (top.stream().anyMatch(relevant::contains)) {
                found++;
            } else {
                misses.add(columns[0] + " → " + titles(columns[0]));
            }
        }
        double rate = (double) found / judged;
        System.out.printf("Search judgements: a relevant title in the first five for %d of %d queries (%.0f %%)%n",
                found, judged, rate * 100);
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertThat(rate).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void searchIsPublicAndReadsChatQuestions() {
        given().queryParam("q", "ada buku laskar pelangi ga kak?").get("/api/catalog/search")
                .then().statusCode(200).body("hits[0].title", org.hamcrest.Matchers.equalTo("Laskar Pelangi"));
        given().get("/api/catalog/search").then().statusCode(400);
    }
}
