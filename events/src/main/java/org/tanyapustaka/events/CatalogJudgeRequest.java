package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * Routing asks the catalogue whether a message the bot did not understand names something in the collection
 * ({@code catalog.judge.requests}, key = waId): a bare title, author, subject or ISBN ("fotosintesis", "atomic
 * habits james clear"). The catalog answers on {@code catalog.judgements}; routing alone decides what the patron
 * gets, so a late or repeated answer never produces a second reply.
 *
 * @param id             deterministic id, derived from the patron message ({@code EventIds.derive(message, "catalog-judge")})
 * @param conversationId the conversation the message belongs to
 * @param language       the language to answer in ({@code id} or {@code en})
 * @param text           the message as the patron typed it
 * @param causationId    the patron message's event id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogJudgeRequest(
        UUID id,
        String waId,
        UUID conversationId,
        String language,
        String text,
        UUID causationId) {
}
