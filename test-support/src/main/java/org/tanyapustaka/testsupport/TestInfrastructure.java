package org.tanyapustaka.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.tanyapustaka.events.Topics;

/**
 * The broker, database, WhatsApp stand-in and token issuer of one test JVM, started once and shared by every
 * test class. Quarkus loads dependencies such as this one in its base class loader, which lives as long as the
 * test run, so a static holds them; a system property records the broker's address so that a second start in
 * the same JVM is detected rather than silently creating a second broker.
 */
public final class TestInfrastructure {

    public static final String ACCESS_TOKEN = "test-access-token";
    public static final String APP_SECRET = "test-app-secret";
    public static final String VERIFY_TOKEN = "test-verify-token";
    public static final String PHONE_NUMBER_ID = "106540352242922";

    private static final String STARTED = "tanya.test.kafka";
    private static Map<String, Object> state;

    private TestInfrastructure() {
    }

    private static synchronized Map<String, Object> shared() {
        if (state != null) {
            return state;
        }
        if (System.getProperty(STARTED) != null) {
            throw new IllegalStateException("The test infrastructure was started by another class loader ("
                    + System.getProperty(STARTED) + "); one broker per test JVM");
        }
        state = new ConcurrentHashMap<>();
        EmbeddedKafka kafka = EmbeddedKafka.temporary().start();
        kafka.createTopics(Topics.allWithDeadLetters(), 6);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0, ProcessBuilder.Redirect.DISCARD);
        DevelopmentKeys keys = DevelopmentKeys.generate();
        WhatsAppCloudStandIn whatsapp = new WhatsAppCloudStandIn(0, ACCESS_TOKEN, PHONE_NUMBER_ID, APP_SECRET)
                .sendStatuses(false).start();
        Path publicKey;
        try {
            publicKey = Files.createTempFile("tanya-jwt", ".pem");
            Files.writeString(publicKey, keys.publicKeyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.put("kafka.bootstrap", kafka.bootstrapServers());
        state.put("kafka.stop", (Runnable) kafka::stop);
        state.put("kafka.start", (Runnable) kafka::start);
        state.put("postgres.port", postgres.port());
        state.put("postgres.create", (Consumer<String>) postgres::createDatabase);
        state.put("jwt.publicKey", publicKey.toString());
        state.put("jwt.mint", (BiFunction<String, String, String>) keys::token);
        state.put("whatsapp.baseUrl", whatsapp.baseUrl());
        state.put("whatsapp.webhook", (Consumer<URI>) whatsapp::deliverWebhooksTo);
        state.put("whatsapp.statuses", (Consumer<Boolean>) whatsapp::sendStatuses);
        state.put("whatsapp.clear", (Runnable) whatsapp::clear);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            whatsapp.close();
            kafka.stop();
            postgres.close();
        }, "tanya-test-infrastructure-stop"));
        System.setProperty(STARTED, kafka.bootstrapServers());
        return state;
    }

    /** Starts everything (once per JVM) and creates the database if needed. */
    public static void ensureStarted(String database) {
        Map<String, Object> state = shared();
        if (database != null) {
            consumer(state, "postgres.create").accept(database);
        }
    }

    public static String kafkaBootstrapServers() {
        return (String) shared().get("kafka.bootstrap");
    }

    /** Stops the broker (its data stays) — to see how a service behaves without it. */
    public static void stopKafka() {
        ((Runnable) shared().get("kafka.stop")).run();
    }

    /** Starts the broker again on the same port with the same data. */
    public static void startKafka() {
        ((Runnable) shared().get("kafka.start")).run();
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + shared().get("postgres.port") + "/" + database;
    }

    public static String jwtPublicKeyLocation() {
        return (String) shared().get("jwt.publicKey");
    }

    /** A bearer token signed by the test issuer for a staff member with one role. */
    @SuppressWarnings("unchecked")
    public static String token(String subject, String role) {
        return ((BiFunction<String, String, String>) shared().get("jwt.mint")).apply(subject, role);
    }

    /** The base URL of the WhatsApp Cloud API stand-in (also serves {@code GET /sandbox/messages?to=}). */
    public static String whatsappBaseUrl() {
        return (String) shared().get("whatsapp.baseUrl");
    }

    /** Where the stand-in delivers its status webhooks. */
    public static void whatsappWebhookTarget(URI webhook) {
        TestInfrastructure.<URI>consumer(shared(), "whatsapp.webhook").accept(webhook);
    }

    public static void whatsappSendsStatuses(boolean send) {
        TestInfrastructure.<Boolean>consumer(shared(), "whatsapp.statuses").accept(send);
    }

    public static void clearWhatsappRecording() {
        ((Runnable) shared().get("whatsapp.clear")).run();
    }

    @SuppressWarnings("unchecked")
    private static <T> Consumer<T> consumer(Map<String, Object> state, String key) {
        return (Consumer<T>) state.get(key);
    }
}
