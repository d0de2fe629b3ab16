package org.tanyapustaka.gateway.webhook;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Receipts of accepted webhook items, so that each has an effect once. Taking a receipt is atomic (a primary key):
 * of concurrent copies, one takes it and publishes; the others wait until it is published and answer 200, because
 * the taker either publishes or answers Meta with an error, and Meta then delivers the item again. A receipt left
 * PENDING by a gateway that stopped mid-publication can be taken over once it is stale, so that the redelivery is
 * published. No transaction is held while Kafka is awaited.
 *
 * <p>Receipts are written with {@code synchronous_commit = off}: the commit does not wait for the WAL to reach the
 * disk. What a webhook promises Meta rests on Kafka's acknowledgement ({@code acks=all}), not on these rows; a
 * receipt only stops a copy of the item from being published again. A database crash can forget the last few
 * receipts (those of at most the last {@code 3 × wal_writer_delay}); a copy of such an item that Meta delivers
 * later is then published a second time, with the same event id — message ids and status ids are derived from the
 * wamid (and the status) by {@link org.tanyapustaka.events.EventIds}, so every consumer recognises the copy
 * (routing's processed-message table, analytics' first-time check, the transcript's ranked delivery state).
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

    /**
     * Takes the receipts of a webhook's items in one statement: the keys this caller now holds and must publish
     * (new ones, and stale PENDING ones taken over). Keys are taken in sorted order, so two webhooks sharing items
     * cannot deadlock.
     */
    public static Set<String> take(Collection<String> keys, Duration staleAfter) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        String[] sorted = new TreeSet<>(keys).toArray(String[]::new);
        return QuarkusTransaction.requiringNew().call(() -> {
            withoutWaitingForTheDisk();
            List<?> taken = Panache.getEntityManager().createNativeQuery("""
                    INSERT INTO webhook_receipt (receipt_key, state, received_at)
                    SELECT key, 'PENDING', now() FROM unnest(CAST(?1 AS text[])) AS key ORDER BY key
                    ON CONFLICT (receipt_key) DO UPDATE SET received_at = now()
                    WHERE webhook_receipt.state = 'PENDING' AND webhook_receipt.received_at < ?2
                    RETURNING receipt_key""")
                    .setParameter(1, sorted).setParameter(2, Instant.now().minus(staleAfter))
                    .getResultList();
            return taken.stream().map(Object::toString).collect(Collectors.toSet());
        });
    }

    /** The state of each receipt that exists: PENDING or PUBLISHED (absent: never taken, or given back). */
    public static Map<String, String> states(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, String> states = new HashMap<>();
            for (Object row : Panache.getEntityManager()
                    .createNativeQuery("SELECT receipt_key, state FROM webhook_receipt WHERE receipt_key = ANY(CAST(?1 AS text[]))")
                    .setParameter(1, keys.toArray(String[]::new)).getResultList()) {
                Object[] columns = (Object[]) row;
                states.put(columns[0].toString(), columns[1].toString());
            }
            return states;
        });
    }

    /** Kafka acknowledged the items: their receipts are final. */
    public static void published(Collection<String> keys) {
        if (!keys.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                withoutWaitingForTheDisk();
                Panache.getEntityManager().createNativeQuery(
                        "UPDATE webhook_receipt SET state = 'PUBLISHED' WHERE receipt_key = ANY(CAST(?1 AS text[]))")
                        .setParameter(1, keys.toArray(String[]::new)).executeUpdate();
            });
        }
    }

    /** Kafka did not acknowledge: the receipts are given back, so Meta's redelivery is accepted as new. */
    public static void released(Collection<String> keys) {
        if (!keys.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                withoutWaitingForTheDisk();
                Panache.getEntityManager().createNativeQuery(
                        "DELETE FROM webhook_receipt WHERE state = 'PENDING' AND receipt_key = ANY(CAST(?1 AS text[]))")
                        .setParameter(1, keys.toArray(String[]::new)).executeUpdate();
            });
        }
    }

    /** This transaction's commit does not wait for the WAL flush (see the class comment for why that is safe). */
    private static void withoutWaitingForTheDisk() {
        Panache.getEntityManager().createNativeQuery("SELECT set_config('synchronous_commit', 'off', true)")
                .getSingleResult();
    }
}
