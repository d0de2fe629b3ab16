package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * A catalogue question routing hands to the catalog service ({@code catalog.queries}, key = waId): a search
 * text, a record to show in full, or another page of a previous query.
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
