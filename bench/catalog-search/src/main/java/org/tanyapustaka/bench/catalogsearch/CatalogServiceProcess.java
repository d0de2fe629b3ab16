package org.tanyapustaka.bench.catalogsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tanyapustaka.testsupport.DevelopmentKeys;

/**
 * The packaged catalog-service ({@code quarkus-app}) run as its own JVM against the benchmark's PostgreSQL, and
 * searched over its public REST endpoint {@code GET /api/catalog/search?q=&page=1}, as an OPAC page or the chat
 * would. No Kafka broker: the REST search does not use one.
 */
final class CatalogServiceProcess implements AutoCloseable {

    /**
     * One answer of the search endpoint: the hits' record ids (best first), the total and whether it is exact (a
     * lower bound when every word was frequent), the corrected spellings it used, the time measured.
     */
    record Answer(List<Long> ids, int total, boolean totalExact, List<String> suggestions, long nanos) {
    }

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private CatalogServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static CatalogServiceProcess start(Path quarkusApp, String jdbcUrl, Path workDir, String heap, int listsCap)
            throws IOException, InterruptedException {
        Path publicKey = workDir.resolve("publicKey.pem");
        Files.writeString(publicKey, DevelopmentKeys.generate().publicKeyPem());
        int port = freePort();
        Path log = workDir.resolve("catalog-service.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-jar",
                quarkusApp.resolve("quarkus-run.jar").toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("DB_URL", jdbcUrl);
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "postgres");
        // Production settings with the published sandbox secrets allowed (prod refuses them), as ./tanya up runs.
        env.put("QUARKUS_PROFILE", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:1");
        env.put("JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey.toAbsolutePath());
        env.put("CATALOG_DEMO_LOAD", "false");
        // The bench rebuilds the search lists itself once a size is loaded (as an import job would): no scheduled
        // rebuild in the middle of a load or a timed pass.
        env.put("CATALOG_SEARCH_LISTS_REBUILD_EVERY", "off");
        env.put("CATALOG_SEARCH_LISTS_CAP", Integer.toString(listsCap));
        CatalogServiceProcess service = new CatalogServiceProcess(builder.start(), port, log);
        try {
            service.awaitSearch(Duration.ofSeconds(180));
        } catch (RuntimeException | IOException | InterruptedException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** Waits until the search endpoint answers (Flyway has then migrated the schema). */
    private void awaitSearch(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("catalog-service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(request("zzzz"), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("catalog-service did not answer searches within " + timeout + "; see " + log);
            }
            Thread.sleep(250);
        }
    }

    /** Searches page 1, timing the request from sending to the last byte of the response body. */
    Answer search(String query) throws IOException, InterruptedException {
        HttpRequest request = request(query);
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search '" + query + "' answered " + response.statusCode() + ": "
                    + response.body());
        }
        JsonNode body = json.readTree(response.body());
        List<Long> ids = new ArrayList<>();
        for (JsonNode hit : body.path("hits")) {
            ids.add(hit.path("id").asLong());
        }
        List<String> suggestions = new ArrayList<>();
        body.path("suggestions").forEach(n -> suggestions.add(n.asText()));
        return new Answer(ids, body.path("total").asInt(), body.path("totalExact").asBoolean(true), suggestions,
                elapsed);
    }

    /** Fetches one record ({@code GET /api/catalog/records/{id}}): the service's floor, a primary-key read. */
    long recordNanos(long id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/catalog/records/" + id))
                .timeout(Duration.ofSeconds(60)).GET().build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("record " + id + " answered " + response.statusCode());
        }
        return elapsed;
    }

    /** The service's resident memory, from /proc, in MiB (0 when unknown). */
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

    private HttpRequest request(String query) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/catalog/search?q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&page=1"))
                .timeout(Duration.ofSeconds(60)).GET().build();
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
