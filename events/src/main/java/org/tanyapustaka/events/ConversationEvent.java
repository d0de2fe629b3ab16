package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened in a conversation ({@code conversation.events}, key = waId). A handover is one request
 * for a librarian within a conversation, from {@code handover_requested} to {@code closed}; its events carry
 * {@code handoverId} so analytics can measure waiting, first response and resolution per handover.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationEvent(
        UUID id,
        String waId,
        UUID conversationId,
        Type type,
        String intent,
        String language,
        UUID handoverId,
        String librarian,
        String reason,
        Integer rating,
        Instant at) {

    public enum Type {
        @JsonProperty("intent_classified") INTENT_CLASSIFIED,
        @JsonProperty("handover_requested") HANDOVER_REQUESTED,
        @JsonProperty("queued") QUEUED,
        @JsonProperty("assigned") ASSIGNED,
        @JsonProperty("librarian_replied") LIBRARIAN_REPLIED,
        @JsonProperty("closed") CLOSED,
        @JsonProperty("csat_rated") CSAT_RATED,
        @JsonProperty("out_of_hours") OUT_OF_HOURS
    }

    /** Why a handover was requested ({@code handover_requested}) or how it ended ({@code closed}). */
    public static final class Reasons {
        public static final String PATRON_ASKED = "patron_asked";
        public static final String ANSWER_REJECTED = "answer_rejected";
        public static final String NOT_UNDERSTOOD = "not_understood";
        public static final String CLOSED_BY_LIBRARIAN = "librarian";
        public static final String IDLE_TIMEOUT = "idle_timeout";
        public static final String PATRON_CANCELLED = "patron_cancelled";

        private Reasons() {
        }
    }
}
