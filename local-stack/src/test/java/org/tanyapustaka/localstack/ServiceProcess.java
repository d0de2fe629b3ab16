package org.tanyapustaka.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tanyapustaka.testsupport.DevelopmentKeys;
import org.tanyapustaka.testsupport.EmbeddedKafka;
import org.tanyapustaka.testsupport.EmbeddedPostgresServer;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn;

/** One packaged service (its quarkus-run.jar) run as a separate JVM against the test JVM's broker and database. */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    final int port;

    private ServiceProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static ServiceProcess start(String service, String database) throws IOException {
        Path jar = Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn verify does)");
        }
        int port = EmbeddedKafka.freePort();
        Path log = Path.of("target", service + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers());
        env.put("DB_URL", TestInfrastructure.jdbcUrl(database));
        env.put("DB_USER", EmbeddedPostgresServer.USER);
        env.put("DB_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        env.put("JWT_PUBLIC_KEY_LOCATION", "file:" + TestInfrastructure.jwtPublicKeyLocation());
        env.put("JWT_ISSUER", DevelopmentKeys.ISSUER);
        env.put("WHATSAPP_APP_SECRET", TestInfrastructure.APP_SECRET);
        env.put("WHATSAPP_VERIFY_TOKEN", TestInfrastructure.VERIFY_TOKEN);
        env.put("WHATSAPP_ACCESS_TOKEN", TestInfrastructure.ACCESS_TOKEN);
        env.put("WHATSAPP_PHONE_NUMBER_ID", TestInfrastructure.PHONE_NUMBER_ID);
        env.put("WHATSAPP_API_BASE_URL", TestInfrastructure.whatsappBaseUrl());
        env.put("WHATSAPP_API_VERSION", WhatsAppCloudStandIn.DEFAULT_VERSION);
        return new ServiceProcess(service, builder.start(), log, port);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    ServiceProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log.toAbsolutePath());
    }

    /** {@code kill -9}: no shutdown hooks, no goodbye to Kafka or PostgreSQL. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
