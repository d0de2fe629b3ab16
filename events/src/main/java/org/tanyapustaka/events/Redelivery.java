package org.tanyapustaka.events;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a consumer treats an event whose effects it could not store because the database or the broker is
 * unreachable for a moment (restarted, failing over, out of connections): it tries again, with pauses growing to a
 * few seconds, for up to {@link #PATIENCE}, holding back the partition meanwhile so the patron's order is kept.
 * Only an event that fails for another reason - or for longer than that - goes to the dead-letter topic. A
 * database restart must not turn a patron's question into a dead letter.
 */
public final class Redelivery {

    /** How long a consumer keeps trying before it gives the event up to the dead-letter topic. */
    public static final Duration PATIENCE = Duration.ofMinutes(5);

    private Redelivery() {
    }

    /** Runs the work (a whole transaction) until it succeeds, retrying while the failure is transient. */
    public static void untilStored(Runnable work, Consumer<String> warn, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long pause = 250;
        int attempt = 1;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (!isTransient(e) || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
                if (attempt == 1 || attempt % 10 == 0) {
                    warn.accept("Could not store " + what + " (attempt " + attempt + "): " + rootMessage(e)
                            + "; trying again");
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, 5_000);
                attempt++;
            }
        }
    }

    /**
     * True when the failure says the database or the broker could not be reached or went away, not that the event
     * or the code is wrong: SQL states of class 08 (connection exception), 57P01–57P03 (server shutting down or
     * starting), 53300 (too many connections), a pool that found no connection in time, and Kafka's retriable errors.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
            String type = t.getClass().getName();
            if (type.equals("org.hibernate.exception.JDBCConnectionException")
                    || type.startsWith("org.apache.kafka.common.errors.") && isKafkaRetriable(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKafkaRetriable(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.apache.kafka.common.errors.RetriableException")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
