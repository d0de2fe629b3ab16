package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * The outcome of sending one {@link OutboundMessage} ({@code whatsapp.sent}, key = waId): the wamid WhatsApp
 * gave it, or the error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendResult(UUID commandId, String waId, String wamid, Error error, int attempts, Instant sentAt) {

    /** A Graph API error: its code, title, and whether sending again later may succeed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(int code, String title, boolean retryable) {
    }
}
