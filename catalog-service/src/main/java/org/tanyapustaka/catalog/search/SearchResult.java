package org.tanyapustaka.catalog.search;

import java.util.List;

/**
 * One page of a catalogue search.
 *
 * @param terms       the terms searched (after noise removal and spelling correction)
 * @param suggestions corrected spellings used or proposed ("pemograman" → "pemrograman")
 * @param total       how many records match (capped at {@link CatalogSearch#COUNT_CAP} + 1)
 * @param page        1-based page number
 * @param hits        the records of the page, best first
 * @param tookMillis  time the search took
 */
public record SearchResult(List<String> terms, List<String> suggestions, int total, int page, List<Hit> hits,
        long tookMillis) {

    /** A found record, with what a patron needs to decide: where it is and whether a copy is free. */
    public record Hit(long id, String title, String subtitle, String firstAuthor, Integer year, String callNumber,
            int copies, int available, String location) {
    }
}
