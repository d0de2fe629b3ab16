package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * A catalogue question routing hands to the catalog service ({@code catalog.queries}, key = waId): a search
 * ({@code text}), a record to show in full ({@code recordId}), the next page of the list the patron sees
 * ({@code previousQueryId} + {@code page}), or a number from that list ({@code previousQueryId} + the number as
 * {@code text}). {@code previousQueryId} is the id of the query whose list the patron sees.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogQuery(
        UUID id,
        String waId,
        UUID conversationId,
        String language,
        String text,
        Long recordId,
        UUID previousQueryId,
        Integer page,
        UUID causationId) {
}
