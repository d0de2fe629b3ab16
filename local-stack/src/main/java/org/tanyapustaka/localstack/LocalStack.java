package org.tanyapustaka.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.DevelopmentKeys;
import org.tanyapustaka.testsupport.EmbeddedKafka;
import org.tanyapustaka.testsupport.EmbeddedPostgresServer;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn;

/**
 * Everything the four services need on a developer's machine, in one JVM: a real Kafka broker (KRaft), a real
 * PostgreSQL with the four databases, the development token keys, and the WhatsApp sandbox (Graph API stand-in
 * and the chat page). Data is kept under {@code TANYA_HOME} (default {@code .tanya}) between runs.
 */
public final class LocalStack {

    public static final List<String> DATABASES = List.of("gateway", "routing", "catalog", "analytics");
    public static final int PARTITIONS = 6;

    private LocalStack() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        Settings settings = Settings.fromEnvironment();
        Path home = settings.home();
        Files.createDirectories(home.resolve("logs"));

        long started = System.nanoTime();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(home.resolve("postgres"), settings.postgresPort(),
                ProcessBuilder.Redirect.appendTo(home.resolve("logs").resolve("postgres.log").toFile()));
        DATABASES.forEach(postgres::createDatabase);

        EmbeddedKafka kafka = new EmbeddedKafka(home.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort())
                .start();
        kafka.createTopics(Topics.allWithDeadLetters(), PARTITIONS);

        DevelopmentKeys.inDirectory(home.resolve("keys"));

        WhatsAppCloudStandIn sandbox = new WhatsAppCloudStandIn(settings.sandboxPort(), settings.accessToken(),
                settings.phoneNumberId(), settings.appSecret())
                .homePage(chatPage())
                .deliverWebhooksTo(URI.create(settings.gatewayWebhook()))
                .start();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            kafka.stop();
            postgres.close();
        }, "local-stack-stop"));

        System.out.printf("Local stack up in %.1f s: Kafka %s, PostgreSQL localhost:%d (%s), WhatsApp sandbox %s%n",
                (System.nanoTime() - started) / 1e9, kafka.bootstrapServers(), postgres.port(),
                String.join(", ", DATABASES), sandbox.baseUrl());
    }

    private static byte[] chatPage() throws IOException {
        try (InputStream page = LocalStack.class.getResourceAsStream("/sandbox/chat.html")) {
            if (page == null) {
                throw new IllegalStateException("sandbox/chat.html is missing from the local-stack jar");
            }
            return page.readAllBytes();
        }
    }
}
