package org.tanyapustaka.gateway.webhook;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

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
 * later is then published a second time, with the same event id - message ids and status ids are derived from the
 * wamid (and the status) by {@link org.tanyapustaka.events.EventIds}, so every consumer recognises the copy
 * (routing's processed-message table, analytics' first-time check, the transcript's ranked delivery state).
 *
 * <p>Each operation is one SQL statement in auto-commit mode, with no JTA transaction or Hibernate session around
 * it: in a flight recording of {@code ./tanya bench ingest} (docs/benchmarks.md), taking receipts was 26 % of the
 * gateway's samples, 7 points of it the transaction and session, 10 a separate statement for the commit setting.
 *
 * <p>Receipts are taken for all webhooks that arrive together in one statement ({@link #take}): a request that
 * finds no statement running runs its own at once; requests that arrive while one runs wait, and the first of them
 * then takes the receipts of all of them in the next statement. Under load this is one statement, one transaction
 * and one pool checkout per batch of webhooks instead of one per webhook, with no wait added when alone.
 */
@ApplicationScoped
public class WebhookReceipt {

    /** Meta retries for up to 7 days; receipts are kept a day longer. */
    public static final Duration KEPT = Duration.ofDays(8);

    /** Joined into a statement, it makes the statement's own transaction commit without waiting for the disk. */
    private static final String WITHOUT_WAITING_FOR_THE_DISK =
            "(SELECT set_config('synchronous_commit', 'off', true)) AS without_waiting_for_the_disk";

    /** At most this many keys in one statement; the rest wait for the next. */
    private static final int MOST_KEYS_PER_STATEMENT = 1_000;

    @Inject
    AgroalDataSource database;

    /** Requests whose receipts are to be taken, and the lock held by the request whose statement takes them. */
    private final ConcurrentLinkedQueue<Taking> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock taker = new ReentrantLock();

    private record Taking(TreeSet<String> keys, Map<String, String> patrons, double staleSeconds, CompletableFuture<Set<String>> taken) {
    }

    public static String ofMessage(String wamid) {
        return "message:" + wamid;
    }

    public static String ofStatus(String wamid, String status) {
        return "status:" + wamid + ":" + status;
    }

    /**
     * Takes the receipts of a webhook's items in one statement, shared with the webhooks that arrive meanwhile: the
     * keys this caller now holds and must publish (new ones, and stale PENDING ones taken over). Keys are taken in
     * sorted order, so two gateways taking receipts of the same items cannot deadlock. Each receipt names the patron it is about
     * ({@code patrons}: key to wa_id), so that an erasure finds it.
     */
    public Set<String> take(Collection<String> keys, Map<String, String> patrons, Duration staleAfter) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        Taking mine = new Taking(new TreeSet<>(keys), patrons, staleAfter.toMillis() / 1000.0, new CompletableFuture<>());
        waiting.add(mine);
        taker.lock();
        try {
            // Unless the statement of the request before took this one's receipts too, this one takes the receipts
            // of every request waiting now.
            while (!mine.taken().isDone()) {
                takeTogether(mine.staleSeconds());
            }
        } finally {
            taker.unlock();
        }
        try {
            return mine.taken().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("Could not take webhook receipts", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while taking webhook receipts", e);
        }
    }

    /**
     * One statement for the waiting requests (with the same staleness): a key asked for by several of them goes to
     * the first, the others find it taken, as they would had they come one after the other.
     */
    private void takeTogether(double staleSeconds) {
        List<Taking> batch = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>();
        Map<String, String> patrons = new HashMap<>();
        for (Iterator<Taking> it = waiting.iterator(); it.hasNext();) {
            Taking next = it.next();
            boolean fits = batch.isEmpty() || keys.size() + next.keys().size() <= MOST_KEYS_PER_STATEMENT;
            if (next.staleSeconds() == staleSeconds && fits) {
                it.remove();
                batch.add(next);
                keys.addAll(next.keys());
                next.keys().forEach(key -> patrons.put(key, next.patrons().getOrDefault(key, "")));
            }
        }
        Set<String> taken;
        try {
            taken = takeReceipts(keys, patrons, staleSeconds);
        } catch (RuntimeException | Error failure) {
            // Every request of the batch learns it, so none waits for a statement that will not come.
            batch.forEach(request -> request.taken().completeExceptionally(failure));
            return;
        }
        for (Taking request : batch) {
            Set<String> its = new HashSet<>();
            for (String key : request.keys()) {
                if (taken.remove(key)) {
                    its.add(key);
                }
            }
            request.taken().complete(its);
        }
    }

    /** The statement behind {@link #takeTogether}: sorted keys, each with its patron's wa_id ('' when none). */
    private Set<String> takeReceipts(TreeSet<String> keys, Map<String, String> patrons, double staleSeconds) {
        List<String> sorted = List.copyOf(keys);
        List<String> waIds = sorted.stream().map(key -> patrons.getOrDefault(key, "")).toList();
        Set<String> returned = new HashSet<>();
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO webhook_receipt (receipt_key, state, received_at, wa_id)
                        SELECT item.key, 'PENDING', now(), NULLIF(item.wa_id, '')
                        FROM unnest(?, ?) AS item(key, wa_id), %s ORDER BY item.key
                        ON CONFLICT (receipt_key) DO UPDATE SET received_at = now()
                        WHERE webhook_receipt.state = 'PENDING'
                          AND webhook_receipt.received_at < now() - make_interval(secs => ?)
                        RETURNING receipt_key""".formatted(WITHOUT_WAITING_FOR_THE_DISK))) {
            statement.setArray(1, connection.createArrayOf("text", sorted.toArray()));
            statement.setArray(2, connection.createArrayOf("text", waIds.toArray()));
            statement.setDouble(3, staleSeconds);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    returned.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take webhook receipts", e);
        }
        return returned;
    }

    /** The state of each receipt that exists: PENDING or PUBLISHED (absent: never taken, or given back). */
    public Map<String, String> states(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, String> states = new HashMap<>();
        eachRow("SELECT receipt_key, state FROM webhook_receipt WHERE receipt_key = ANY(?)", keys, null,
                row -> states.put(row.getString(1), row.getString(2)));
        return states;
    }

    /** Kafka acknowledged the items: their receipts are final. */
    public void published(Collection<String> keys) {
        if (!keys.isEmpty()) {
            keysOf("""
                    UPDATE webhook_receipt SET state = 'PUBLISHED' FROM %s
                    WHERE receipt_key = ANY(?) RETURNING receipt_key""".formatted(WITHOUT_WAITING_FOR_THE_DISK),
                    keys, null);
        }
    }

    /** Kafka did not acknowledge: the receipts are given back, so Meta's redelivery is accepted as new. */
    public void released(Collection<String> keys) {
        if (!keys.isEmpty()) {
            keysOf("""
                    DELETE FROM webhook_receipt USING %s
                    WHERE state = 'PENDING' AND receipt_key = ANY(?) RETURNING receipt_key"""
                    .formatted(WITHOUT_WAITING_FOR_THE_DISK), keys, null);
        }
    }

    /** Runs one statement over the keys (and a number of seconds, if given); the keys it returns. */
    private Set<String> keysOf(String sql, Collection<String> keys, Double seconds) {
        Set<String> returned = new HashSet<>();
        eachRow(sql, keys, seconds, row -> returned.add(row.getString(1)));
        return returned;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs one statement, in auto-commit, over the keys (and a number of seconds, if given); reads each row. */
    private void eachRow(String sql, Collection<String> keys, Double seconds, RowReader reader) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", keys.toArray()));
            if (seconds != null) {
                statement.setDouble(2, seconds);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read or write webhook receipts", e);
        }
    }
}
