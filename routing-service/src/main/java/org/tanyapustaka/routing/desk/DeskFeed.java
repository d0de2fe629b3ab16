package org.tanyapustaka.routing.desk;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The desk's live feed: listens on PostgreSQL's {@code tanya_desk} channel, which triggers on handover,
 * transcript_entry and librarian announce at commit (see V6__desk.sql), and passes each change on to the open desk
 * pages as a signal: {@code desk} (the inbox changed), {@code librarians} (a status or load changed) and
 * {@code c-<conversation id>} (that conversation changed).
 *
 * <p>Why the database and not a Kafka topic: a notification is sent only when the change is committed, so a page
 * that reloads on a signal always finds it (a Kafka event is produced before routing's transaction commits), and
 * every routing replica listens on the same database, so a librarian connected to one replica sees what another
 * replica did. Signals carry no content; the page fetches what changed with the librarian's own rights.
 */
@ApplicationScoped
public class DeskFeed {

    private static final Logger LOG = Logger.getLogger(DeskFeed.class);
    static final String CHANNEL = "tanya_desk";

    /** One signal to the pages; {@code id} is the SSE event id (boot-sequence). */
    public record Signal(String id, String name, String data) {
    }

    private volatile BroadcastProcessor<Signal> processor = BroadcastProcessor.create();
    private final AtomicLong sequence = new AtomicLong();
    private final String boot = Long.toString(System.currentTimeMillis(), 36);
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    void start(@Observes StartupEvent event) {
        running = true;
        listener = new Thread(this::listen, "desk-feed");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        endStreams();
    }

    /**
     * Ends every open page's stream, as a restart does; the pages reconnect (and resync). At shutdown this lets
     * the browsers find the next routing instance at once instead of waiting for a dead connection to time out.
     */
    void endStreams() {
        BroadcastProcessor<Signal> old = processor;
        processor = BroadcastProcessor.create();
        old.onComplete();
    }

    /** A page's stream: a resync first (the page reloads what it shows), then every change, and a ping now and then. */
    public Multi<Signal> stream() {
        Multi<Signal> first = Multi.createFrom().item(() -> signal("resync", ""));
        return Multi.createBy().concatenating().streams(first, processor.onOverflow().buffer(1024));
    }

    /** Something on the wire now and then, so that proxies keep the streams open and dead ones are noticed. */
    @Scheduled(every = "25s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void ping() {
        processor.onNext(signal("ping", ""));
    }

    private Signal signal(String name, String data) {
        return new Signal(boot + "-" + sequence.incrementAndGet(), name, data);
    }

    private void listen() {
        boolean reconnected = false;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                connection = c;
                try (Statement statement = c.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (reconnected) {
                    processor.onNext(signal("resync", "")); // changes while not listening are not known one by one
                    LOG.info("Desk feed listens again");
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(10_000);
                    if (notifications != null && notifications.length > 0) {
                        publish(notifications);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Desk feed lost its database connection (%s); listening again in a second", e.getMessage());
                reconnected = true;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void publish(PGNotification[] notifications) {
        Set<String> conversations = new LinkedHashSet<>();
        boolean librarians = false;
        for (PGNotification n : notifications) {
            String payload = n.getParameter();
            librarians |= payload.startsWith("l:");
            int colon = payload.indexOf(':');
            if (colon >= 0 && colon < payload.length() - 1) {
                conversations.add(payload.substring(colon + 1));
            }
        }
        processor.onNext(signal("desk", ""));
        if (librarians) {
            processor.onNext(signal("librarians", "")); // statuses and loads, e.g. for the transfer list
        }
        for (String conversation : conversations) {
            processor.onNext(signal("c-" + conversation, ""));
        }
    }
}
