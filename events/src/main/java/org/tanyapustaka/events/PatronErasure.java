package org.tanyapustaka.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Erase everything held about one WhatsApp number ({@code patron.erasure}, key = waId): the right to erasure of
 * Indonesia's Personal Data Protection law (UU 27/2022). Every service consumes it in its own consumer group and
 * deletes what it holds about the number, once per event id, in one transaction with remembering the id; a
 * service that was down erases when it comes back, from its committed position. What the patron writes after the
 * erasure is new data, kept under the usual retention.
 *
 * @param id          the erasure's id: random for an admin's request, derived from the confirming message for the
 *                    patron's own request ({@link EventIds#derive})
 * @param waId        the number to erase
 * @param origin      who asked: an administrator, or the patron on WhatsApp
 * @param requestedBy the administrator's user name, or the patron's wa_id
 * @param requestedAt when it was asked
 */
public record PatronErasure(UUID id, String waId, Origin origin, String requestedBy, Instant requestedAt) {

    public enum Origin {
        ADMIN, PATRON
    }
}
