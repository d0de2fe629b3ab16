package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A problem WhatsApp reports about the library's account or number rather than about one message
 * ({@code whatsapp.alerts}, key = phoneNumberId): account-level {@code errors[]} in a webhook, or a Graph API
 * answer that stops all sending (190, access token expired). Administrators must see these.
 *
 * @param id            deterministic event id
 * @param phoneNumberId the library's number concerned
 * @param source        {@code webhook} or {@code graph_api}
 * @param code          WhatsApp's error code
 * @param title         WhatsApp's error title
 * @param details       WhatsApp's details, if any
 * @param at            when it was reported
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountAlert(UUID id, String phoneNumberId, String source, int code, String title, String details,
        Instant at) {
}
