package org.tanyapustaka.catalog.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.catalog.search.SearchResult;

/** The result list's heading: a count when the search counted its matches, no number when it did not. */
class CatalogRepliesTest {

    static SearchResult result(int total, boolean exact, int page, int shown) {
        List<SearchResult.Hit> hits = IntStream.range(0, shown)
                .mapToObj(i -> new SearchResult.Hit(i + 1, "Pengantar Ilmu Hukum " + (i + 1), null, "Kansil, C.S.T.", 2010,
                        "340 KAN p", 2, 1, "Rak 3"))
                .toList();
        return new SearchResult(List.of("hukum"), List.of(), total, exact, page, hits, 12, false);
    }

    @Test
    void anUnknownTotalIsNotGivenAsANumber() {
        String id = CatalogReplies.resultList("hukum", result(1001, false, 1, 5), 1, "id");
        assertThat(id).startsWith("Ini 5 judul paling cocok untuk *hukum* dari banyak hasil:")
                .doesNotContain("1.000").doesNotContain("1001").doesNotContain("(")
                .contains("1. *Pengantar Ilmu Hukum 1*")
                .endsWith("atau *lagi* untuk hasil berikutnya.");
        String en = CatalogReplies.resultList("law", result(1001, false, 1, 5), 1, "en");
        assertThat(en).startsWith("Here are the 5 best matches for *law* out of many results:")
                .doesNotContain("1,000").endsWith("or *more* for the next results.");
    }

    @Test
    void theNextPageOfAnUnknownTotalSaysSoAndTheLastPageOffersNoMore() {
        String next = CatalogReplies.resultList("hukum", result(8, false, 2, 3), 6, "id");
        assertThat(next).startsWith("Ini 3 judul berikutnya yang paling cocok untuk *hukum* dari banyak hasil:")
                .contains("6. *Pengantar Ilmu Hukum 1*").endsWith("Balas dengan *nomor* untuk detail.");
        assertThat(CatalogReplies.resultList("law", result(8, false, 2, 3), 6, "en"))
                .startsWith("Here are the next 3 best matches for *law* out of many results:");
    }

    @Test
    void aCountedTotalIsStillGiven() {
        assertThat(CatalogReplies.resultList("hukum", result(39, true, 1, 5), 1, "id"))
                .startsWith("Hasil pencarian *hukum* (39 judul)");
        assertThat(CatalogReplies.resultList("hukum", result(1001, true, 1, 5), 1, "id"))
                .startsWith("Hasil pencarian *hukum* (lebih dari 1.000 judul)");
    }

    @Test
    void resultsWithOnlySomeOfTheWordsAreLabelledSimilarNeverAsMatches() {
        SearchResult partial = new SearchResult(List.of("kimia", "organik"), List.of(), 4, true, 1,
                result(4, true, 1, 4).hits(), 12, true);
        assertThat(CatalogReplies.resultList("kimia organik", partial, 1, "id"))
                .startsWith("Tidak ada yang cocok persis dengan *kimia organik*; judul yang mirip:")
                .doesNotContain("Hasil pencarian");
        assertThat(CatalogReplies.resultList("organic chemistry", partial, 1, "en"))
                .startsWith("Nothing matches *organic chemistry* exactly; similar titles:").doesNotContain("Results for");
    }
}
