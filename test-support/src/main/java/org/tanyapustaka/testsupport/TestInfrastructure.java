package org.tanyapustaka.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tanyapustaka.events.Topics;

/**
 * The broker, database, WhatsApp stand-in and token issuer of one test JVM, started once and shared by every
 * test class. Quarkus loads dependencies such as this one in its base class loader, which lives as long as the
 * test run, so statics hold them; a system property records the broker's address so that a second start in the
 * same JVM (from another class loader) is detected rather than silently creating a second broker.
 */
public final class TestInfrastructure {

    public static final String ACCESS_TOKEN = "test-access-token";
    public static final String APP_SECRET = "test-app-secret";
    public static final String VERIFY_TOKEN = "test-verify-token";
    public static final String PHONE_NUMBER_ID = "106540352242922";

    private static final String STARTED = "tanya.test.kafka";

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static DevelopmentKeys keys;
    private static WhatsAppCloudStandIn whatsapp;
    private static Path publicKey;

    private TestInfrastructure() {
    }

    private static synchronized void start() {
        if (kafka != null) {
            return;
        }
        if (System.getProperty(STARTED) != null) {
            throw new IllegalStateException("The test infrastructure was started by another class loader ("
                    + System.getProperty(STARTED) + "); one broker per test JVM");
        }
        kafka = EmbeddedKafka.temporary().start();
        kafka.createTopics(Topics.allWithDeadLetters(), 6);
        postgres = EmbeddedPostgresServer.start(null, 0, ProcessBuilder.Redirect.DISCARD);
        keys = DevelopmentKeys.generate();
        whatsapp = new WhatsAppCloudStandIn(0, ACCESS_TOKEN, PHONE_NUMBER_ID, APP_SECRET).sendStatuses(false).start();
        try {
            publicKey = Files.createTempFile("tanya-jwt", ".pem");
            Files.writeString(publicKey, keys.publicKeyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            whatsapp.close();
            kafka.stop();
            postgres.close();
        }, "tanya-test-infrastructure-stop"));
        System.setProperty(STARTED, kafka.bootstrapServers());
    }

    /** Starts everything (once per JVM) and creates the database if needed. */
    public static void ensureStarted(String database) {
        start();
        if (database != null) {
            postgres.createDatabase(database);
        }
    }

    public static String kafkaBootstrapServers() {
        start();
        return kafka.bootstrapServers();
    }

    /** Stops the broker (its data stays) — to see how a service behaves without it. */
    public static void stopKafka() {
        start();
        kafka.stop();
    }

    /** Starts the broker again on the same port with the same data. */
    public static void startKafka() {
        start();
        kafka.start();
    }

    public static String jdbcUrl(String database) {
        start();
        return postgres.jdbcUrl(database);
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

    /** The WhatsApp Cloud API stand-in: what it recorded, scripted answers, where it sends status webhooks. */
    public static WhatsAppCloudStandIn whatsapp() {
        start();
        return whatsapp;
    }

    /** The base URL of the WhatsApp Cloud API stand-in (also serves {@code GET /sandbox/messages?to=}). */
    public static String whatsappBaseUrl() {
        return whatsapp().baseUrl();
    }
}
