package org.tanyapustaka.gateway.webhook;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Receipts of accepted webhook items, so that each has an effect once. Taking a receipt is atomic (a primary key):
 * of concurrent copies, one takes it and publishes; the others answer 200 at once, because the taker either
 * publishes or answers Meta with an error, and Meta then delivers the item again. A receipt left PENDING by a
 * gateway that stopped mid-publication can be taken over once it is stale, so that the redelivery is published.
 * No transaction is held while Kafka is awaited.
 */
public final class WebhookReceipt {

    /** Meta retries for up to 7 days; receipts are kept a day longer. */
    public static final Duration KEPT = Duration.ofDays(8);

    private WebhookReceipt() {
    }

    public static String ofMessage(String wamid) {
        return "message:" + wamid;
    }

    public static String ofStatus(String wamid, String status) {
        return "status:" + wamid + ":" + status;
    }

    /** True when this caller now holds the receipt and must publish the item. */
    public static boolean take(String key, Duration staleAfter) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery("""
                INSERT INTO webhook_receipt (receipt_key, state, received_at) VALUES (?1, 'PENDING', now())
                ON CONFLICT (receipt_key) DO UPDATE SET received_at = now()
                WHERE webhook_receipt.state = 'PENDING' AND webhook_receipt.received_at < ?2""")
                .setParameter(1, key).setParameter(2, Instant.now().minus(staleAfter))
                .executeUpdate() == 1);
    }

    /** PENDING, PUBLISHED, or empty when there is no receipt (never taken, or given back). */
    public static java.util.Optional<String> state(String key) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery("SELECT state FROM webhook_receipt WHERE receipt_key = ?1")
                .setParameter(1, key).getResultStream().findFirst().map(Object::toString));
    }

    /** Kafka acknowledged the items: their receipts are final. */
    public static void published(List<String> keys) {
        if (!keys.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                    "UPDATE webhook_receipt SET state = 'PUBLISHED' WHERE receipt_key = ANY(CAST(?1 AS text[]))")
                    .setParameter(1, keys.toArray(String[]::new)).executeUpdate());
        }
    }

    /** Kafka did not acknowledge: the receipts are given back, so Meta's redelivery is accepted as new. */
    public static void released(List<String> keys) {
        if (!keys.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                    "DELETE FROM webhook_receipt WHERE state = 'PENDING' AND receipt_key = ANY(CAST(?1 AS text[]))")
                    .setParameter(1, keys.toArray(String[]::new)).executeUpdate());
        }
    }
}
