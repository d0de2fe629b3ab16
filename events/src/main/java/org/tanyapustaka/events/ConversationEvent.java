package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** Something that happened in a conversation ({@code conversation.events}, key = waId). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationEvent(
        UUID id,
        String waId,
        UUID conversationId,
        Type type,
        String intent,
        String librarian,
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
}
