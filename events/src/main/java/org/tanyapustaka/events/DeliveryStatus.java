package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * What WhatsApp reported about a message the library sent ({@code whatsapp.status}, key = waId).
 *
 * @param id     deterministic event id, {@link EventIds#ofStatus(String, String)}
 * @param wamid  the wamid of the library's message
 * @param waId   the patron the message went to
 * @param status sent, delivered, read or failed
 * @param at     when WhatsApp reports the status happened
 * @param error  why it failed (failed only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryStatus(UUID id, String wamid, String waId, Status status, Instant at, Error error) {

    public enum Status {
        @JsonProperty("sent") SENT,
        @JsonProperty("delivered") DELIVERED,
        @JsonProperty("read") READ,
        @JsonProperty("failed") FAILED
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(int code, String title, String details) {
    }
}
