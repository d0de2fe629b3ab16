package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * A search the catalog performed ({@code catalog.searches}, key = waId), for collection development.
 * {@code hitsExact} is false when {@code hits} is only a lower bound (a query of frequent words, whose candidates
 * were bounded); events written before the flag existed have none, and their hits were exact.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogSearchPerformed(UUID id, String waId, String query, List<String> normalizedTerms, int hits,
        Boolean hitsExact, long tookMs) {

    public CatalogSearchPerformed {
        hitsExact = hitsExact == null ? Boolean.TRUE : hitsExact;
    }
}
