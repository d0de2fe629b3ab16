package org.tanyapustaka.catalog.importjob;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;

@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ImportResourceTest {

    static final Path MARC = Path.of("src/test/resources/data/marc");

    static String librarian() {
        return TestInfrastructure.token("pustakawan", "librarian");
    }

    static JsonPath importAndWait(String format, Path file) throws Exception {
        String id = given().auth().oauth2(librarian()).contentType("application/octet-stream")
                .queryParam("format", format).queryParam("name", file.getFileName().toString())
                .body(Files.readAllBytes(file)).post("/api/catalog/imports")
                .then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
            String state = given().auth().oauth2(librarian()).get("/api/catalog/imports/" + id).path("state");
            return state.equals("DONE") || state.equals("FAILED");
        });
        return given().auth().oauth2(librarian()).get("/api/catalog/imports/" + id).then().extract().jsonPath();
    }

    @Test
    void marcXmlImportedTwiceUpdatesAndNeverDuplicates() throws Exception {
        Path file = MARC.resolve("loc-marc2bibframe2/dataset/princeton.xml");
        JsonPath first = importAndWait("marcxml", file);
        assertThat(first.getString("state")).isEqualTo("DONE");
        assertThat(first.getInt("read")).isEqualTo(99);
        assertThat(first.getInt("imported") + first.getInt("updated") + first.getInt("failed")).isEqualTo(99);
        JsonPath second = importAndWait("marcxml", file);
        assertThat(second.getInt("imported")).isZero();
        assertThat(second.getInt("updated")).isEqualTo(first.getInt("imported") + first.getInt("updated"));
    }

    @Test
    void brokenFilesGiveAClearErrorPerRecordAndNeverStopTheRest() throws Exception {
        List<Path> broken;
        try (var files = Files.walk(MARC.resolve("edge-cases"))) {
            broken = files.filter(f -> f.getFileName().toString().endsWith(".mrc")).sorted().toList();
        }
        assertThat(broken).isNotEmpty();
        int withFailures = 0;
        for (Path file : broken) {
            JsonPath status = importAndWait("marc", file);
            assertThat(status.getString("state")).as(file.toString()).isEqualTo("DONE");
            int failed = status.getInt("failed");
            assertThat(status.getInt("read")).as(file.toString()).isEqualTo(
                    status.getInt("imported") + status.getInt("updated") + status.getInt("deleted") + failed);
            List<Integer> positions = status.getList("failures.position", Integer.class);
            List<String> reasons = status.getList("failures.reason", String.class);
            assertThat(positions).as(file.toString()).hasSize(Math.min(failed, 1000)).allMatch(p -> p >= 1);
            assertThat(reasons).allMatch(r -> !r.isBlank() && !r.contains("Exception:") && !r.contains("\tat "));
            withFailures += failed > 0 ? 1 : 0;
        }
        assertThat(withFailures).as("files with at least one bad record").isGreaterThan(0);
    }

    @Test
    void importsAreForLibrarians() {
        given().queryParam("format", "marc").body(new byte[] {1}).post("/api/catalog/imports").then().statusCode(401);
        given().auth().oauth2(TestInfrastructure.token("pemustaka", "patron")).queryParam("format", "marc")
                .body(new byte[] {1}).post("/api/catalog/imports").then().statusCode(403);
        given().auth().oauth2(librarian()).queryParam("format", "pdf").body(new byte[] {1})
                .post("/api/catalog/imports").then().statusCode(400).contentType("application/problem+json");
    }

    /** An OAI-PMH repository answering with the real sickle responses, page by page. */
    static com.sun.net.httpserver.HttpServer repository(java.util.List<String> queries, String errorFile) throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oai", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            String token = null;
            for (String pair : query.split("&")) {
                if (pair.startsWith("resumptionToken=")) {
                    token = java.net.URLDecoder.decode(pair.substring(16), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            Path file = Path.of("src/test/resources/data/oai-pmh/sickle",
                    errorFile != null ? errorFile : token == null ? "ListRecords.xml" : token);
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    static JsonPath harvestAndWait(String baseUrl, boolean full) {
        String id = given().auth().oauth2(librarian()).contentType("application/json")
                .body(java.util.Map.of("baseUrl", baseUrl, "metadataPrefix", "oai_dc", "full", full))
                .post("/api/catalog/imports/oai").then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            String state = given().auth().oauth2(librarian()).get("/api/catalog/imports/" + id).path("state");
            return state.equals("DONE") || state.equals("FAILED");
        });
        return given().auth().oauth2(librarian()).get("/api/catalog/imports/" + id).then().extract().jsonPath();
    }

    @Test
    void oaiHarvestFollowsResumptionTokensAndTheNextHarvestStartsFromTheLastDatestamp() throws Exception {
        java.util.List<String> queries = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        var server = repository(queries, null);
        try {
            String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/oai";
            JsonPath first = harvestAndWait(baseUrl, true);
            assertThat(first.getString("state")).isEqualTo("DONE");
            assertThat(first.getInt("read")).isEqualTo(8); // four pages of two records, completeListSize="8"
            assertThat(first.getInt("imported") + first.getInt("updated") + first.getInt("deleted") + first.getInt("failed")).isEqualTo(8);
            assertThat(queries).anyMatch(q -> q.contains("resumptionToken=ListRecords2.xml"));
            assertThat(queries.get(0)).doesNotContain("from=");
            queries.clear();
            harvestAndWait(baseUrl, false);
            assertThat(queries.get(0)).contains("from=");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void oaiProtocolErrorStopsTheHarvestWithAClearReason() throws Exception {
        var server = repository(new java.util.ArrayList<>(), "badArgument.xml");
        try {
            JsonPath status = harvestAndWait("http://127.0.0.1:" + server.getAddress().getPort() + "/oai", true);
            assertThat(status.getString("state")).isEqualTo("FAILED");
            assertThat(status.getString("error")).contains("badArgument");
        } finally {
            server.stop(0);
        }
        given().auth().oauth2(librarian()).contentType("application/json")
                .body(java.util.Map.of("baseUrl", "ftp://example", "metadataPrefix", "oai_dc"))
                .post("/api/catalog/imports/oai").then().statusCode(400);
    }

    @Test
    void harvestOfAHostInsideTheNetworkFailsWithAClearReason() throws Exception {
        java.util.List<String> queries = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        var server = repository(queries, null);
        try {
            // only "127.0.0.1" is allow-listed in the tests; "localhost" resolves to a loopback address
            JsonPath status = harvestAndWait("http://localhost:" + server.getAddress().getPort() + "/oai", true);
            assertThat(status.getString("state")).isEqualTo("FAILED");
            assertThat(status.getString("error")).contains("the host localhost resolves to")
                    .contains("catalog.harvest.allowed-hosts");
            assertThat(queries).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aStuckHarvestDoesNotHoldUpOtherImports() throws Exception {
        var asked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.createContext("/oai", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, 0);
            var out = exchange.getResponseBody();
            out.write("<?xml version=\"1.0\"?><OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><ListRecords>"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            asked.countDown();
            try {
                release.await(5, java.util.concurrent.TimeUnit.MINUTES); // stalls mid-body
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            String harvest = given().auth().oauth2(librarian()).contentType("application/json")
                    .body(java.util.Map.of("baseUrl", "http://127.0.0.1:" + server.getAddress().getPort() + "/oai",
                            "metadataPrefix", "oai_dc", "full", true))
                    .post("/api/catalog/imports/oai").then().statusCode(202).extract().path("id");
            assertThat(asked.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            JsonPath upload = importAndWait("marcxml", MARC.resolve("loc-marc2bibframe2/dataset/princeton.xml"));

            assertThat(upload.getString("state")).isEqualTo("DONE");
            assertThat(upload.getInt("read")).isEqualTo(99);
            assertThat(given().auth().oauth2(librarian()).get("/api/catalog/imports/" + harvest).<String>path("state"))
                    .isEqualTo("RUNNING");
        } finally {
            release.countDown();
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
