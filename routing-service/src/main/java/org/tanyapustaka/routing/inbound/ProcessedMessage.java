package org.tanyapustaka.routing.inbound;

import io.quarkus.hibernate.orm.panache.Panache;
import java.util.UUID;

/**
 * The ids of the events routing has handled, written in the same transaction as their effects: a redelivered
 * event (WhatsApp and Kafka both redeliver) is recognised and has no second effect.
 */
public final class ProcessedMessage {

    private ProcessedMessage() {
    }

    /** Records the event as handled; false if it was handled before (by this or another replica). */
    public static boolean markHandled(UUID eventId, String topic) {
        return Panache.getEntityManager().createNativeQuery("""
                INSERT INTO processed_event (event_id, topic, processed_at) VALUES (?1, ?2, now())
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, eventId).setParameter(2, topic).executeUpdate() == 1;
    }
}
