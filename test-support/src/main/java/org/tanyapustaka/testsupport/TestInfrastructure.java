package org.tanyapustaka.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.tanyapustaka.events.Topics;

/**
 * The broker, database, WhatsApp stand-in and token issuer of one test JVM, started once and shared by every
 * test class. Quarkus loads dependencies such as this one in its base class loader, which lives as long as the
 * test run, so statics hold them. A test profile makes Quarkus load this class again in another class loader:
 * there it attaches to the same broker and database through their addresses, kept in system properties (plain
 * strings only — other libraries read every system property as a string); stopping the broker and the WhatsApp
 * stand-in's recordings are then only reachable from the loader that started them.
 */
public final class TestInfrastructure {

    public static final String ACCESS_TOKEN = "test-access-token";
    public static final String APP_SECRET = "test-app-secret";
    public static final String VERIFY_TOKEN = "test-verify-token";
    public static final String PHONE_NUMBER_ID = "106540352242922";

    private static final String KAFKA = "tanya.test.kafka";
    private static final String POSTGRES_PORT = "tanya.test.postgres-port";
    private static final String KEYS = "tanya.test.keys";
    private static final String WHATSAPP = "tanya.test.whatsapp";

    private static boolean attached;

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static DevelopmentKeys keys;
    private static WhatsAppCloudStandIn whatsapp;
    private static Path publicKey;

    private TestInfrastructure() {
    }

    private static synchronized void start() {
        if (kafka != null || attached) {
            return;
        }
        if (System.getProperty(KAFKA) != null) {
            keys = DevelopmentKeys.inDirectory(Path.of(System.getProperty(KEYS)));
            publicKey = Path.of(System.getProperty(KEYS), "publicKey.pem");
            attached = true;
            return;
        }
        kafka = EmbeddedKafka.temporary().start();
        kafka.createTopics(Topics.allWithDeadLetters(), 6);
        postgres = EmbeddedPostgresServer.start(null, 0, ProcessBuilder.Redirect.DISCARD);
        Path keyDirectory;
        try {
            keyDirectory = Files.createTempDirectory("tanya-jwt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys = DevelopmentKeys.inDirectory(keyDirectory);
        whatsapp = new WhatsAppCloudStandIn(0, ACCESS_TOKEN, PHONE_NUMBER_ID, APP_SECRET).sendStatuses(false).start();
        publicKey = keyDirectory.resolve("publicKey.pem");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            whatsapp.close();
            kafka.stop();
            postgres.close();
        }, "tanya-test-infrastructure-stop"));
        System.setProperty(KAFKA, kafka.bootstrapServers());
        System.setProperty(POSTGRES_PORT, String.valueOf(postgres.port()));
        System.setProperty(KEYS, keyDirectory.toString());
        System.setProperty(WHATSAPP, whatsapp.baseUrl());
    }

    /** Starts everything (once per JVM) and creates the database if needed. */
    public static void ensureStarted(String database) {
        start();
        if (database != null) {
            EmbeddedPostgresServer.createDatabase(Integer.parseInt(System.getProperty(POSTGRES_PORT)), database);
        }
    }

    public static String kafkaBootstrapServers() {
        start();
        return System.getProperty(KAFKA);
    }

    /** Stops the broker (its data stays) — to see how a service behaves without it. */
    public static void stopKafka() {
        requireOwner();
        kafka.stop();
    }

    /** Starts the broker again on the same port with the same data. */
    public static void startKafka() {
        requireOwner();
        kafka.start();
    }

    public static String jdbcUrl(String database) {
        start();
        return "jdbc:postgresql://localhost:" + System.getProperty(POSTGRES_PORT) + "/" + database;
    }

    public static String jwtPublicKeyLocation() {
        start();
        return publicKey.toString();
    }

    /** A bearer token signed by the test issuer for a staff member with one role. */
    public static String token(String subject, String role) {
        start();
        return keys.token(subject, role);
    }

    /** As {@link #token(String, String)} but meant for another audience (which the services must refuse). */
    public static String tokenForAudience(String subject, String role, String audience) {
        start();
        return keys.token(subject, Set.of(role), Duration.ofHours(1), audience);
    }

    /** The WhatsApp Cloud API stand-in: what it recorded, scripted answers, where it sends status webhooks. */
    public static WhatsAppCloudStandIn whatsapp() {
        requireOwner();
        return whatsapp;
    }

    /** The base URL of the WhatsApp Cloud API stand-in (also serves {@code GET /sandbox/messages?to=}). */
    public static String whatsappBaseUrl() {
        start();
        return System.getProperty(WHATSAPP);
    }

    /** The objects themselves, which only the class loader that started them holds. */
    private static void requireOwner() {
        start();
        if (attached) {
            throw new IllegalStateException("The broker and the WhatsApp stand-in were started by another class loader"
                    + " (a test profile); control them from a test without a profile");
        }
    }
}
