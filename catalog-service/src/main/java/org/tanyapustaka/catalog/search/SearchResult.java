package org.tanyapustaka.catalog.search;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a catalogue search.
 *
 * @param terms       the terms searched (after noise removal and spelling correction)
 * @param suggestions corrected spellings used or proposed ("pemograman" → "pemrograman")
 * @param total       how many records match (capped at {@link CatalogSearch#COUNT_CAP} + 1); when
 *                    {@code totalExact} is false, a lower bound
 * @param totalExact  false when every word of the query is frequent: the records were drawn from the best
 *                    records of the words, and how many match in all was not counted
 * @param page        1-based page number
 * @param hits        the records of the page, best first
 * @param tookMillis  time the search took
 * @param partial     true when no record has every term: the hits have only some of them (similar, not exact)
 */
public record SearchResult(List<String> terms, List<String> suggestions,
        @Schema(description = "How many records match, capped at 1001 (\"more than 1,000\"). When totalExact is false, "
                + "a lower bound: how many of the best candidates match.") int total,
        @Schema(description = "False when every word of the query is common: the results are the best matches among "
                + "the best records of those words, and the number of all matches was not counted; total is then "
                + "a lower bound. Further pages page through the same best matches.") boolean totalExact,
        int page, List<Hit> hits, long tookMillis,
        @Schema(description = "True when no record matches every word searched: the hits match only some of them "
                + "and are similar titles, not matches.") boolean partial) {

    /** A found record, with what a patron needs to decide: where it is and whether a copy is free. */
    public record Hit(long id, String title, String subtitle, String firstAuthor, Integer year, String callNumber,
            int copies, int available, String location) {
    }
}
