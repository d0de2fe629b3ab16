package org.tanyapustaka.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.EmbeddedKafka;
import org.tanyapustaka.testsupport.TestInfrastructure;

/**
 * The packaged gateway, started as ./tanya up starts it, with the sandbox's published secrets: profile prod refuses
 * to start and names each variable to set; profile local (./tanya up) starts, with /q/* on its management port only.
 */
class ProductionSecretsIT {

    static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar");

    static int port;
    static int managementPort;

    static Process start(String profile, Path log) throws IOException {
        TestInfrastructure.ensureStarted("gateway");
        port = EmbeddedKafka.freePort();
        managementPort = EmbeddedKafka.freePort();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", APP.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("QUARKUS_PROFILE", profile, "PORT", String.valueOf(port),
                "DB_URL", TestInfrastructure.jdbcUrl("gateway"), "DB_USER", "postgres", "DB_PASSWORD", "postgres",
                "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers(),
                "JWT_PUBLIC_KEY_LOCATION", "file:" + TestInfrastructure.jwtPublicKeyLocation(),
                "WHATSAPP_APP_SECRET", "sandbox-app-secret", "WHATSAPP_VERIFY_TOKEN", "sandbox-verify-token",
                "WHATSAPP_ACCESS_TOKEN", "sandbox-access-token"));
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().put("WHATSAPP_PHONE_NUMBER_ID", "106540352242922");
        builder.environment().put("TANYA_ATTACHMENTS_SECRET", "sandbox-attachments-secret");
        builder.environment().put("WHATSAPP_API_BASE_URL", TestInfrastructure.whatsappBaseUrl());
        return builder.start();
    }

    @Test
    void productionRefusesTheSandboxSecretsAndNamesThem() throws Exception {
        Path log = Files.createTempFile("gateway-prod", ".log");
        Process gateway = start("prod", log);
        try {
            assertThat(gateway.waitFor(180, TimeUnit.SECONDS)).as("the gateway stops by itself").isTrue();
            assertThat(gateway.exitValue()).isNotZero();
            assertThat(Files.readString(log)).contains("WHATSAPP_APP_SECRET is a published default value",
                    "WHATSAPP_VERIFY_TOKEN is a published default value", "WHATSAPP_ACCESS_TOKEN is a published default value",
                    "TANYA_ATTACHMENTS_SECRET is a published default value", "DB_PASSWORD is a published default value");
        } finally {
            gateway.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    @Test
    void localProfileOfTanyaUpStartsWithTheSandboxSecrets() throws Exception {
        Path log = Files.createTempFile("gateway-local", ".log");
        Process gateway = start("local", log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            boolean ready = false;
            while (!ready && gateway.isAlive() && System.nanoTime() < deadline) {
                try {
                    ready = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notListeningYet) {
                    ready = false;
                }
                if (!ready) {
                    Thread.sleep(250); // polling until ready, not waiting a fixed time
                }
            }
            assertThat(ready).as("gateway in profile local became ready; log:%n%s", Files.readString(log)).isTrue();
            // The packaged service keeps /q/* on its management port only: the main port (the proxy's upstream)
            // has neither health, metrics nor the API description.
            for (String path : new String[] {"/q/health/ready", "/q/metrics", "/q/openapi"}) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).as("main port " + path).isEqualTo(404);
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).as("management port " + path).isEqualTo(200);
            }
        } finally {
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
            gateway.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
