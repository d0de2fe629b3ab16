package org.tanyapustaka.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids. An event derived from another gets a name-based UUID of its parent's id and
 * its purpose, so reprocessing a message produces the same commands, never new ones.
 */
public final class EventIds {

    /** The id of the event that represents an inbound WhatsApp message, from its wamid. */
    public static UUID ofWamid(String wamid) {
        return name("wamid:" + wamid);
    }

    /** The id of a delivery status, from the wamid of the message and the status. */
    public static UUID ofStatus(String wamid, String status) {
        return name("status:" + wamid + ":" + status);
    }

    /** The id of an alert about the library's number: what happened ({@code code:title}) and when (epoch seconds). */
    public static UUID ofAlert(String phoneNumberId, String what, long epochSecond) {
        return name("alert:" + phoneNumberId + ":" + what + ":" + epochSecond);
    }

    /** The id of the event derived from {@code parent} for {@code purpose} (e.g. "reply", "menu"). */
    public static UUID derive(UUID parent, String purpose) {
        return name(parent + "/" + purpose);
    }

    private static UUID name(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private EventIds() {
    }
}
