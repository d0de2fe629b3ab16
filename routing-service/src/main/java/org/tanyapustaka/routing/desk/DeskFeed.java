package org.tanyapustaka.routing.desk;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The desk's live feed: listens on PostgreSQL's {@code tanya_desk} channel, which triggers on handover,
 * transcript_entry and librarian announce at commit (see V6__desk.sql and V9__desk_live_rows.sql), and passes each
 * change on to the open desk pages: {@code desk} (the lists changed: a request, a claim, a transfer, a close, a
 * librarian; the pages reload them), {@code rows} (a patron or a librarian wrote: the changed inbox rows themselves,
 * read once here for every page), {@code librarians} (a status or load changed) and {@code c-<conversation id>}
 * (that conversation changed, e.g. a delivery tick).
 *
 * <p>Why the database and not a Kafka topic: a notification is sent only when the change is committed, so a page
 * that reloads on a signal always finds it (a Kafka event is produced before routing's transaction commits), and
 * every routing replica listens on the same database, so a librarian connected to one replica sees what another
 * replica did. Only {@code rows} carries content (rows every librarian may see; each page's stream renders them for
 * its librarian); for everything else the page fetches what changed with the librarian's own rights.
 *
 * <p>Why rows are pushed: with a reload of the whole inbox on every line, 20 open pages and patrons writing 20
 * messages a second kept PostgreSQL busy rebuilding inboxes (docs/benchmarks.md). Now a line costs one read of the
 * changed rows for all pages, and notifications that arrive while it runs are taken together in the next round.
 * With no page open on this instance the rows are not read at all.
 */
@ApplicationScoped
public class DeskFeed {

    private static final Logger LOG = Logger.getLogger(DeskFeed.class);
    static final String CHANNEL = "tanya_desk";

    /** One signal to the pages; {@code id} is the SSE event id (boot-sequence); {@code rows} only for {@code rows}. */
    public record Signal(String id, String name, String data, List<DeskView.Changed> rows) {
    }

    private volatile BroadcastProcessor<Signal> processor = BroadcastProcessor.create();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger listening = new AtomicInteger();
    private final AtomicLong rowReads = new AtomicLong();
    private volatile String lastNotification;
    private final String boot = Long.toString(System.currentTimeMillis(), 36);
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    @Inject
    DeskView view;

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
    synchronized void endStreams() {
        BroadcastProcessor<Signal> old = processor;
        processor = BroadcastProcessor.create();
        old.onComplete();
    }

    /**
     * A page's stream: a resync first (the page reloads what it shows), then every change, and a ping now and then.
     * The stream counts as listening from its subscription, before its resync: a page's first state is what it
     * fetches on the resync, read after every change it was not told about had committed.
     */
    public Multi<Signal> stream() {
        Multi<Signal> first = Multi.createFrom().item(() -> signal("resync", null));
        return Multi.createBy().concatenating().streams(first, processor.onOverflow().buffer(1024))
                .onSubscription().invoke(subscription -> listening.incrementAndGet())
                .onTermination().invoke(() -> listening.decrementAndGet());
    }

    /** How many pages' streams are open on this instance. */
    int listening() {
        return listening.get();
    }

    /** The payload of the last notification handled (for tests: every one before it has been handled too). */
    String lastNotification() {
        return lastNotification;
    }

    /** How many times the changed rows were read for the pages (for tests: none while no page listens). */
    long rowReads() {
        return rowReads.get();
    }

    /** Something on the wire now and then, so that proxies keep the streams open and dead ones are noticed. */
    @Scheduled(every = "25s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void ping() {
        emit("ping", null);
    }

    private Signal signal(String name, List<DeskView.Changed> rows) {
        return new Signal(boot + "-" + sequence.incrementAndGet(), name, "", rows);
    }

    /** One signal to every open page; from the listener, the pings and a shutdown, one at a time. */
    private synchronized void emit(String name, List<DeskView.Changed> rows) {
        processor.onNext(signal(name, rows));
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
                    emit("resync", null); // changes while not listening are not known one by one
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

    /**
     * One round of notifications (all that arrived since the last round, so a busy database makes rounds larger,
     * not more frequent). Payloads are kind ':' conversation id (V9); a kind not known here reloads the lists.
     */
    void publish(PGNotification[] notifications) {
        try {
            publishRound(notifications);
        } finally {
            lastNotification = notifications[notifications.length - 1].getParameter();
        }
    }

    private void publishRound(PGNotification[] notifications) {
        Set<String> conversations = new LinkedHashSet<>();
        Set<UUID> rows = new LinkedHashSet<>();
        boolean lists = false;
        boolean librarians = false;
        for (PGNotification n : notifications) {
            String payload = n.getParameter();
            int colon = payload.indexOf(':');
            String kind = colon < 0 ? "" : payload.substring(0, colon);
            String conversation = colon < 0 ? "" : payload.substring(colon + 1);
            if (!conversation.isEmpty()) {
                conversations.add(conversation);
            }
            switch (kind) {
                case "r" -> rows.add(UUID.fromString(conversation));
                case "c" -> {
                    // only the conversation's own page
                }
                case "l" -> {
                    lists = true; // names, statuses and the head of library's team list
                    librarians = true;
                }
                default -> lists = true;
            }
        }
        if (lists) {
            emit("desk", null);
        }
        if (librarians) {
            emit("librarians", null); // statuses and loads, e.g. for the transfer list
        }
        for (String conversation : conversations) {
            emit("c-" + conversation, null);
        }
        // Nobody to send the rows to: not read. A page that connects later fetches its lists on its resync.
        if (!rows.isEmpty() && listening.get() > 0) {
            List<DeskView.Changed> changed;
            rowReads.incrementAndGet();
            try {
                changed = QuarkusTransaction.requiringNew().call(() -> view.changed(rows));
            } catch (RuntimeException e) {
                LOG.warnf("Desk feed could not read the changed rows (%s); the pages reload their lists", e.getMessage());
                emit("desk", null);
                return;
            }
            if (!changed.isEmpty()) {
                emit("rows", changed);
            }
        }
    }
}
