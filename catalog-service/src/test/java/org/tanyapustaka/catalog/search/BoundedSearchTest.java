package org.tanyapustaka.catalog.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.catalog.CatalogueFixture;
import org.tanyapustaka.catalog.answer.CatalogQueryListenerTest;
import org.tanyapustaka.catalog.record.CatalogRecord;
import org.tanyapustaka.catalog.record.CatalogRecords;
import org.tanyapustaka.catalog.record.Copy;
import org.tanyapustaka.catalog.record.RecordInput;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * Queries made only of frequent words draw their candidates from the pre-ranked lists. On the 300-title
 * catalogue the cap is lowered to 10, so that "hukum" (39 titles) is frequent and "perdata" (a handful) is not.
 */
@QuarkusTest
@TestProfile(BoundedSearchTest.LowCap.class)
@QuarkusTestResource(value = TanyaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "catalog_lists"))
class BoundedSearchTest {

    static final int CAP = 10;

    public static class LowCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.search.lists.cap", Integer.toString(CAP));
        }
    }

    @Inject
    CatalogSearch search;

    @Inject
    SearchLists lists;

    @Inject
    CatalogueFixture catalogue;

    @Inject
    CatalogRecords records;

    @Inject
    EntityManager em;

    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void catalogueWithFreshLists() {
        catalogue.load();
        assertThat(lists.rebuild()).isPositive();
    }

    @AfterEach
    void removeWhatTheTestAdded() {
        QuarkusTransaction.requiringNew().run(() -> created.forEach(id -> CatalogRecord.deleteById(id)));
    }

    SearchResult find(String text, int page) {
        return QuarkusTransaction.requiringNew().call(() -> search.search(ChatQuery.parse(text), page));
    }

    SearchResult findExactly(String text, int page) {
        return QuarkusTransaction.requiringNew().call(() -> search.search(ChatQuery.parse(text), page, false));
    }

    static List<Long> ids(SearchResult result) {
        return result.hits().stream().map(SearchResult.Hit::id).toList();
    }

    @SuppressWarnings("unchecked")
    Set<Long> listed(String lexeme) {
        return new HashSet<>(QuarkusTransaction.requiringNew().call(() -> ((List<Number>) em.createNativeQuery(
                "SELECT record_id FROM catalog_lexeme_top WHERE lexeme = ?1").setParameter(1, lexeme).getResultList())
                .stream().map(Number::longValue).toList()));
    }

    /** Every page of the exact path, in its order. */
    List<Long> exactOrder(String text) {
        return everyPage(page -> findExactly(text, page));
    }

    /** Every record the bounded path can show for the text (its list and the changes), in its order. */
    List<Long> boundedPool(String text) {
        return everyPage(page -> find(text, page));
    }

    static List<Long> everyPage(IntFunction<SearchResult> search) {
        List<Long> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            List<Long> hits = ids(search.apply(page));
            if (hits.isEmpty()) {
                return all;
            }
            all.addAll(hits);
        }
    }

    long id(CatalogRecord record) {
        created.add(record.id);
        return record.id;
    }

    static RecordInput record(String title, List<String> subjects) {
        return new RecordInput(title, null, List.of("Sutrisno, Budi"), "Pustaka Uji", "Pangkalpinang", 2024, List.of(),
                "ind", subjects, null, null, List.of());
    }

    @Test
    void aQueryOfFrequentWordsDrawsFromTheListsAndRanksLikeTheExactPath() {
        Set<Long> hukumList = listed("hukum");
        assertThat(hukumList).hasSize(CAP);
        List<Long> exact = exactOrder("hukum");
        assertThat(exact).hasSizeGreaterThan(CAP).containsAll(hukumList);

        SearchResult first = find("hukum", 1);
        SearchResult second = find("hukum", 2);
        assertThat(first.totalExact()).isFalse();
        assertThat(first.total()).isEqualTo(CAP);
        // The list's records, in the exact path's order, paged through by "lagi".
        List<Long> expected = exact.stream().filter(hukumList::contains).toList();
        assertThat(ids(first)).isEqualTo(expected.subList(0, CatalogSearch.PAGE_SIZE));
        assertThat(ids(second)).isEqualTo(expected.subList(CatalogSearch.PAGE_SIZE, 2 * CatalogSearch.PAGE_SIZE));
        assertThat(second.totalExact()).isFalse();
        assertThat(find("hukum", 3).hits()).isEmpty();
    }

    @Test
    void aQueryWithOneWordThatIsNotFrequentKeepsTheExactPath() {
        // "perdata" is in fewer than CAP records: its matches are few, and they are counted.
        SearchResult result = find("hukum perdata", 1);
        assertThat(result.totalExact()).isTrue();
        assertThat(ids(result)).isEqualTo(ids(findExactly("hukum perdata", 1)));
        assertThat(result.total()).isEqualTo(findExactly("hukum perdata", 1).total()).isPositive().isLessThan(CAP);
    }

    @Test
    void recordsAddedChangedOrDeletedSinceTheLastRebuildAreFoundUpdatedOrGoneAtOnce() {
        // Two records that the "hukum" list holds after a rebuild: the word in the title and every subject.
        List<String> subjects = List.of("Hukum", "Hukum adat", "Hukum laut");
        long changed = id(records.create(record("Hukum Hukum Laut Bangka", subjects)));
        long deleted = id(records.create(record("Hukum Hukum Adat Belitung", subjects)));
        lists.rebuild();
        assertThat(listed("hukum")).contains(changed, deleted);
        assertThat(ids(find("hukum", 1))).contains(changed, deleted);

        // Added after the rebuild: the exact title ranks it first.
        long added = id(records.create(record("Hukum", List.of())));
        // Changed: no longer about hukum. Deleted: gone.
        records.update(changed, record("Sejarah Timah Bangka Lama", List.of("Sejarah")));
        QuarkusTransaction.requiringNew().run(() -> CatalogRecord.deleteById(deleted));

        assertThat(listed("hukum")).contains(changed, deleted).doesNotContain(added);
        SearchResult result = find("hukum", 1);
        assertThat(result.totalExact()).isFalse();
        assertThat(ids(result).get(0)).isEqualTo(added);
        List<Long> pool = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            pool.addAll(ids(find("hukum", page)));
        }
        assertThat(pool).contains(added).doesNotContain(changed, deleted);
        assertThat(ids(find("sejarah timah bangka lama", 1))).contains(changed);

        // After the next rebuild the lists hold what the catalogue holds.
        lists.rebuild();
        assertThat(listed("hukum")).contains(added).doesNotContain(changed, deleted);
        assertThat(ids(find("hukum", 1)).get(0)).isEqualTo(added);
    }

    static RecordInput tied(int year, Copy.Status status, String barcode) {
        RecordInput title = record("Hukum Hukum Laut Bangka", List.of("Hukum", "Hukum adat", "Hukum laut"));
        return new RecordInput(title.title(), null, title.authors(), title.publisher(), title.place(), year,
                List.of(), "ind", title.subjects(), null, null,
                List.of(new RecordInput.CopyInput(barcode, null, "Rak uji", status, null)));
    }

    @Test
    void aRecordWhoseYearChangedSinceTheRebuildIsRankedOnItsNewYearNotOnTheListsCopy() {
        // Two records the "hukum" list holds with the same score and no copy on the shelf: the newer one first.
        long newer = id(records.create(tied(2024, Copy.Status.ON_LOAN, "BND-YEAR-1")));
        long older = id(records.create(tied(2020, Copy.Status.ON_LOAN, "BND-YEAR-2")));
        lists.rebuild();
        assertThat(listed("hukum")).contains(newer, older);
        assertThat(boundedPool("hukum")).containsSubsequence(newer, older);

        // Only the year changes (not the search vector): the list's row still says 2020, the record 2025.
        records.update(older, tied(2025, Copy.Status.ON_LOAN, "BND-YEAR-2"));
        assertThat(listed("hukum")).contains(older);
        assertThat(boundedPool("hukum")).containsSubsequence(older, newer);
        Set<Long> list = listed("hukum");
        assertThat(boundedPool("hukum")).isEqualTo(exactOrder("hukum").stream().filter(list::contains).toList());
    }

    @Test
    void availabilityIsReadLiveNotFromTheLists() {
        // Copies change all day with loans: the lists do not copy them, and no rebuild is needed to see a return.
        long first = id(records.create(tied(2024, Copy.Status.ON_LOAN, "BND-COPY-1")));
        long second = id(records.create(tied(2024, Copy.Status.ON_LOAN, "BND-COPY-2")));
        lists.rebuild();
        assertThat(boundedPool("hukum")).containsSubsequence(first, second);

        records.update(second, tied(2024, Copy.Status.AVAILABLE, "BND-COPY-2"));
        assertThat(lists.stale()).isFalse();
        assertThat(boundedPool("hukum")).containsSubsequence(second, first);
        SearchResult.Hit returned = find("hukum", 1).hits().stream().filter(h -> h.id() == second).findFirst()
                .orElseThrow();
        assertThat(returned.available()).isEqualTo(1);
    }

    @Test
    void theScheduledRebuildRunsOnlyWhenTheListsWouldChange() {
        assertThat(lists.stale()).isFalse();
        long added = id(records.create(record("Hukum Hukum Agraria", List.of("Hukum", "Hukum adat", "Hukum laut"))));
        assertThat(lists.stale()).isTrue();
        lists.rebuild();
        assertThat(listed("hukum")).contains(added);
        assertThat(lists.stale()).isFalse();
        // A deletion is logged as a change too.
        QuarkusTransaction.requiringNew().run(() -> CatalogRecord.deleteById(added));
        assertThat(lists.stale()).isTrue();
        lists.scheduled();
        assertThat(listed("hukum")).doesNotContain(added);
        assertThat(lists.stale()).isFalse();
    }

    @Test
    void theSearchEventSaysWhetherItsHitsAreExact() throws Exception {
        String waId = CatalogQueryListenerTest.patron();
        try (TopicProbe searches = new TopicProbe(Topics.CATALOG_SEARCHES)) {
            CatalogQueryListenerTest.ask(waId, "hukum", "id", null, null);
            JsonNode performed = new ObjectMapper().readTree(
                    searches.await(r -> r.value().contains(waId), Duration.ofSeconds(30)).value());
            assertThat(performed.path("hits").asInt()).isEqualTo(CAP);
            assertThat(performed.path("hitsExact").asBoolean(true)).isFalse();
        }
    }

    @Test
    void listsBuiltWithAnotherCapAreStaleUntilTheNextRebuild() {
        // 15 records of a word that is frequent under the service's cap (10) but not under the lists' (20).
        for (int n = 0; n < 15; n++) {
            id(records.create(record("Zorblat " + n, List.of())));
        }
        // As after the cap was changed in the configuration: lists of 20 records while the service's cap is 10.
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").executeUpdate();
            em.createNativeQuery("SELECT catalog_rebuild_search_lists(20)").getSingleResult();
        });
        assertThat(listed("hukum")).hasSize(20);
        assertThat(listed("zorblat")).isEmpty();
        assertThat(lists.stale()).isTrue();

        // The word has no list: it is searched exactly, not from the changed records alone.
        long changed = id(records.create(record("Zorblat", List.of())));
        SearchResult zorblat = find("zorblat", 1);
        assertThat(zorblat.totalExact()).isTrue();
        assertThat(zorblat.total()).isEqualTo(16);
        assertThat(ids(zorblat).get(0)).isEqualTo(changed);

        lists.scheduled();
        assertThat(listed("hukum")).hasSize(CAP);
        assertThat(listed("zorblat")).hasSize(CAP);
        assertThat(lists.stale()).isFalse();
    }

    @Test
    void restSaysWhetherTheTotalIsExact() {
        given().queryParam("q", "hukum").get("/api/catalog/search").then().statusCode(200)
                .body("totalExact", equalTo(false))
                .body("total", equalTo(CAP));
        given().queryParam("q", "hukum perdata").get("/api/catalog/search").then().statusCode(200)
                .body("totalExact", equalTo(true));
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("totalExact"));
    }
}
