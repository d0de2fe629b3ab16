package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * The catalogue's answer to a {@link CatalogJudgeRequest} ({@code catalog.judgements}, key = waId): whether the
 * message is a strong match for the collection and, when it is, the search answer for the patron (a page of results
 * with availability and shelf, as for any search). Routing sends that answer, or its "not understood" reply when the
 * match is not strong; the catalog never answers such a message itself.
 *
 * @param id          deterministic id ({@code EventIds.derive(requestId, "judgement")})
 * @param requestId   the request this answers; also the id of the result list, for "lagi" and numbers
 * @param strong      true when the catalogue holds what the message names (see catalog's {@code StrongMatch})
 * @param terms       the words searched
 * @param total       how many records matched
 * @param answer      the reply text for the patron when {@code strong}, else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogJudgement(
        UUID id,
        UUID requestId,
        String waId,
        UUID conversationId,
        boolean strong,
        List<String> terms,
        int total,
        String answer) {
}
