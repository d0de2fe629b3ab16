package org.tanyapustaka.bench.analytics;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tanyapustaka.testsupport.DevelopmentKeys;

/**
 * The packaged analytics-service ({@code quarkus-app}) in its own JVM against the benchmark's PostgreSQL, asked for
 * its figures over REST with an admin token, as the dashboard asks. Its Kafka channels are switched off: the
 * benchmark measures the queries, and the data was loaded into the tables directly.
 */
final class AnalyticsServiceProcess implements AutoCloseable {

    static final List<String> CHANNELS = List.of("whatsapp.inbound", "whatsapp.status", "whatsapp.outbound",
            "whatsapp.sent", "conversation.events", "catalog.searches");

    private final Process process;
    private final int port;
    private final Path log;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private AnalyticsServiceProcess(Process process, int port, Path log, String token) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.token = token;
    }

    static AnalyticsServiceProcess start(Path quarkusApp, String jdbcUrl, Path workDir, String heap)
            throws IOException, InterruptedException {
        DevelopmentKeys keys = DevelopmentKeys.inDirectory(workDir.resolve("keys"));
        int port = freePort();
        Path log = workDir.resolve("analytics-service.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
        for (String channel : CHANNELS) {
            command.add("-Dmp.messaging.incoming.\"" + channel + "\".enabled=false");
        }
        command.addAll(List.of("-jar", quarkusApp.resolve("quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("DB_URL", jdbcUrl);
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "postgres");
        // Production settings with the published sandbox secrets allowed (prod refuses them), as ./tanya up runs.
        env.put("QUARKUS_PROFILE", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:1");
        env.put("JWT_PUBLIC_KEY_LOCATION", "file:" + workDir.resolve("keys/publicKey.pem").toAbsolutePath());
        AnalyticsServiceProcess service = new AnalyticsServiceProcess(builder.start(), port, log,
                keys.token("bench-kepala-perpustakaan", "admin"));
        try {
            service.await(Duration.ofSeconds(180));
        } catch (RuntimeException | IOException | InterruptedException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** Waits until the summary answers (Flyway has then migrated the schema). */
    private void await(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("analytics-service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(request("summary?from=2025-01-01&to=2025-01-01"), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("analytics-service did not answer within " + timeout + "; see " + log);
            }
            Thread.sleep(250);
        }
    }

    /** One figure, timed from sending the request to the last byte of the body; fails unless 200. */
    long time(String figureAndQuery) throws IOException, InterruptedException {
        HttpRequest request = request(figureAndQuery);
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(figureAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return elapsed;
    }

    String body(String figureAndQuery) throws IOException, InterruptedException {
        return http.send(request(figureAndQuery), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The dashboard's way: all its requests at once; the time until the last one has answered. */
    long timeAllAtOnce(List<String> figures) throws InterruptedException {
        long started = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (String figure : figures) {
            answers.add(http.sendAsync(request(figure), HttpResponse.BodyHandlers.discarding()));
        }
        for (var answer : answers) {
            try {
                if (answer.get().statusCode() != 200) {
                    throw new IllegalStateException("a dashboard request answered " + answer.get().statusCode());
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return System.nanoTime() - started;
    }

    long residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not on Linux
        }
        return 0;
    }

    Path log() {
        return log;
    }

    private HttpRequest request(String figureAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/analytics/" + figureAndQuery))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120)).GET().build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
