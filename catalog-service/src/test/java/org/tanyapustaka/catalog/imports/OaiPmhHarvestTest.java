package org.tanyapustaka.catalog.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.tanyapustaka.catalog.imports.SharedData.failures;
import static org.tanyapustaka.catalog.imports.SharedData.file;
import static org.tanyapustaka.catalog.imports.SharedData.readMarc;
import static org.tanyapustaka.catalog.imports.SharedData.records;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Harvests real OAI-PMH responses (sickle, pyoai's DSpace captures) and a MARC 21 harvest built from the Library
 * of Congress dataset's CC0 records, served by a local HTTP server that answers by verb and resumption token as a
 * repository would.
 */
class OaiPmhHarvestTest {

    private static final String OAI = "oai-pmh/";

    private HttpServer server;
    private String baseUrl;
    private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Map<String, String>, Reply> repository = params -> Reply.status(404);
    private final CountDownLatch stop = new CountDownLatch(1);

    /** What the test repository answers: a status, headers and a body. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply file(String relative) {
            try {
                return new Reply(200, Map.of("Content-Type", "text/xml; charset=UTF-8"),
                        Files.readAllBytes(SharedData.file(OAI + relative)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Reply xml(String body) {
            return new Reply(200, Map.of("Content-Type", "text/xml; charset=UTF-8"), body.getBytes(StandardCharsets.UTF_8));
        }

        static Reply status(int status, String... header) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i + 1 < header.length; i += 2) {
                headers.put(header[i], header[i + 1]);
            }
            return new Reply(status, headers, new byte[0]);
        }
    }

    @BeforeEach
    void startRepository() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/oai", this::answer);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/oai";
    }

    @AfterEach
    void stopRepository() {
        stop.countDown();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        requests.add(params);
        Reply reply = repository.apply(params);
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private OaiPmhHarvest harvester() {
        return harvester(new OaiPmhHarvest.Limits(1 << 20, 100, 10_000, Set.of("127.0.0.1")));
    }

    private static OaiPmhHarvest harvester(OaiPmhHarvest.Limits limits) {
        return new OaiPmhHarvest(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                Duration.ofSeconds(5), 2, Duration.ofMillis(50), limits);
    }

    private static List<ReadOutcome> all(OaiPmhHarvest.Harvest harvest) {
        List<ReadOutcome> outcomes = new ArrayList<>();
        harvest.forEachRemaining(outcomes::add);
        return outcomes;
    }

    @Test
    void listRecordsFollowsResumptionTokensUntilTheListIsComplete() {
        // sickle's pages name the next page in their token: ListRecords.xml → ListRecords2.xml → ... → ListRecords4.xml
        repository = p -> Reply.file("sickle/" + p.getOrDefault("resumptionToken", "ListRecords.xml"));

        OaiPmhHarvest.Harvest harvest = harvester().harvest(baseUrl, "oai_dc", null, null);
        List<ReadOutcome> outcomes = all(harvest);

        assertThat(requests).containsExactly(
                Map.of("verb", "ListRecords", "metadataPrefix", "oai_dc"),
                Map.of("verb", "ListRecords", "resumptionToken", "ListRecords2.xml"),
                Map.of("verb", "ListRecords", "resumptionToken", "ListRecords3.xml"),
                Map.of("verb", "ListRecords", "resumptionToken", "ListRecords4.xml"));
        assertThat(harvest.pages()).isEqualTo(4);
        assertThat(harvest.complete()).isTrue();
        assertThat(outcomes).extracting(ReadOutcome::position).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(outcomes).extracting(ReadOutcome::ok).containsExactly(true, true, true, true, true, true, false, true);
        assertThat(outcomes.get(6).failure()).isEqualTo("record 7: a deleted record without an identifier");

        BibRecord sample = outcomes.get(1).record();
        assertThat(sample.source()).isEqualTo("oai:" + baseUrl);
        assertThat(sample.sourceId()).isEqualTo("oai:test.example.com:1585322");
        assertThat(sample.title()).isEqualTo("Sample Title");
        assertThat(sample.authors()).containsExactly("John Doe"); // four identical dc:creator
        assertThat(sample.publisher()).isEqualTo("Sample Publisher");
        assertThat(sample.year()).isEqualTo(2010);
        assertThat(sample.language()).isEqualTo("eng");
        assertThat(sample.summary()).startsWith("Lorem ipsum dolor sit amet").doesNotContain("\n");
        assertThat(sample.isbns()).isEmpty(); // its dc:identifier is a URL
        assertThat(harvest.newestDatestamp()).isEqualTo("2011-07-18T16:31:00Z");
    }

    @Test
    void deletedRecordsComeAsDeletedWithTheirOaiIdentifier() {
        repository = p -> Reply.file("sickle/" + p.getOrDefault("resumptionToken", "ListRecords.xml"));

        List<ReadOutcome> outcomes = all(harvester().harvest(baseUrl, "oai_dc", null, null));

        assertThat(records(outcomes)).filteredOn(BibRecord::deleted).hasSize(3).allSatisfy(r -> {
            assertThat(r.sourceId()).isEqualTo("oai:test.example.com:1585310");
            assertThat(r.source()).isEqualTo("oai:" + baseUrl);
            assertThat(r.title()).isNull();
        });
    }

    @Test
    void dspaceHarvestFromADateReadsLiveAndDeletedRecords() {
        // pyoai's capture of DSpace at Erasmus University: ListRecords from=2004-01-01, 81 records, 2 deleted
        repository = p -> p.equals(Map.of("verb", "ListRecords", "metadataPrefix", "oai_dc", "from", "2004-01-01",
                "set", "1:1")) ? Reply.file("pyoai/fake2/00002.xml") : Reply.status(400);

        OaiPmhHarvest.Harvest harvest = harvester().harvest(baseUrl, "oai_dc", "2004-01-01", "1:1");
        List<ReadOutcome> outcomes = all(harvest);

        assertThat(outcomes).hasSize(81);
        assertThat(failures(outcomes)).isEmpty();
        assertThat(records(outcomes)).filteredOn(BibRecord::deleted).extracting(BibRecord::sourceId)
                .containsExactly("hdl:1765/1160", "hdl:1765/1161");
        BibRecord first = outcomes.get(0).record();
        assertThat(first.sourceId()).isEqualTo("hdl:1765/9");
        assertThat(first.authors()).containsExactly("Jong, G. de", "Nooteboom, B.");
        assertThat(first.year()).isEqualTo(2001);
        assertThat(first.summary()).startsWith("This study examines the 'logic' or underlying causality");
        assertThat(harvest.newestDatestamp()).isEqualTo("2004-02-17T10:32:17Z");
        assertThat(harvest.complete()).isTrue();
    }

    @Test
    void marc21HarvestMapsTheEmbeddedMarcXmlAndUsesTheOaiIdentifier() {
        String lastPage = """
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2016-06-01T07:58:00Z</responseDate>
                <request verb="ListRecords">%s</request>
                <ListRecords><resumptionToken completeListSize="100" cursor="100"/></ListRecords></OAI-PMH>
                """.formatted(baseUrl);
        repository = p -> "fakeresumptiontoken".equals(p.get("resumptionToken")) ? Reply.xml(lastPage)
                : Reply.file("own/ListRecords-marc21.xml");

        OaiPmhHarvest.Harvest harvest = harvester().harvest(baseUrl, "marc21", null, "TESTING_DIGI_TEST");
        List<ReadOutcome> outcomes = all(harvest);

        assertThat(outcomes).hasSize(99).allMatch(ReadOutcome::ok);
        assertThat(harvest.pages()).isEqualTo(2);
        assertThat(harvest.complete()).isTrue();
        BibRecord first = outcomes.get(0).record();
        assertThat(first.sourceId()).isEqualTo("oai:repository.example.org:010028277");
        assertThat(first.title()).startsWith("Forschungen zur osteurop").endsWith("ischen Geschichte");
        assertThat(first.authors()).containsExactly("Osteuropa-Institut");
        assertThat(first.place()).isEqualTo("Wiesbaden");
        assertThat(first.publisher()).isEqualTo("Harrassowitz");
        assertThat(first.year()).isEqualTo(1954);
        assertThat(first.language()).isEqualTo("ger");
        assertThat(first.subjects()).contains("Osteuropa");
        // the same record as the MARCXML file it was harvested from, but for its id
        BibRecord fromFile = readMarc("marc/loc-marc2bibframe2/dataset/dnb.xml").get(0).record();
        assertThat(first).usingRecursiveComparison().ignoringFields("sourceId", "source").isEqualTo(fromFile);
        assertThat(harvest.newestDatestamp()).isEqualTo("2025-07-10T08:38:00Z");
    }

    @Test
    void expiredResumptionTokenMidwayEndsTheHarvestWithAnErrorAfterTheRecordsSoFar() {
        repository = p -> p.containsKey("resumptionToken") ? Reply.file("sickle/badResumptionToken.xml")
                : Reply.file("own/ListRecords-marc21.xml");
        OaiPmhHarvest.Harvest harvest = harvester().harvest(baseUrl, "marc21", null, null);
        List<ReadOutcome> before = new ArrayList<>();

        OaiPmhException error = catchThrowableOfType(OaiPmhException.class, () -> harvest.forEachRemaining(before::add));

        assertThat(before).hasSize(99);
        assertThat(error.code()).isEqualTo("badResumptionToken");
        assertThat(error.getMessage()).contains("resumptionToken=fakeresumptiontoken", "badResumptionToken",
                "This resumptionToken is invalid");
        assertThat(harvest.complete()).isFalse();
        assertThat(harvest.hasNext()).isFalse(); // a failed harvest fetches nothing more
        assertThat(requests).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "sickle/badArgument.xml, badArgument, illegal or missing argument",
        "sickle/badResumptionToken.xml, badResumptionToken, This resumptionToken is invalid",
        "sickle/cannotDisseminateFormat.xml, cannotDisseminateFormat, does not offer this metadata format",
        "sickle/idDoesNotExist.xml, idDoesNotExist, no record with this identifier",
        "sickle/noSetHierarchy.xml, noSetHierarchy, does not support sets",
        "sickle/undefinedError.xml, undefinedError, does not define",
        "own/unknown-error.xml, foo, bar"})
    void oaiErrorsEndTheHarvestWithTheirCodeAndAnExplanation(String response, String code, String explanation) {
        repository = p -> Reply.file(response);

        OaiPmhHarvest.Harvest harvest = harvester().harvest(baseUrl, "oai_dc", null, null);

        OaiPmhException error = catchThrowableOfType(OaiPmhException.class, harvest::hasNext);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).startsWith("OAI-PMH request " + baseUrl + "?verb=ListRecords")
                .contains("OAI-PMH error " + code, explanation);
    }

    @Test
    void badVerbMeansTheUrlIsNoOaiPmhEndpoint() throws IOException {
        String badVerb = Files.readString(file(OAI + "sickle/badArgument.xml")).replace("badArgument", "badVerb");
        repository = p -> Reply.xml(badVerb);

        assertThatThrownBy(() -> harvester().harvest(baseUrl, "oai_dc", null, null).hasNext())
                .isInstanceOfSatisfying(OaiPmhException.class, e -> assertThat(e.code()).isEqualTo("badVerb"))
                .hasMessageContaining("is this an OAI-PMH base URL?");
    }

    @Test
    void noRecordsMatchMeansNothingNewToHarvest() {
        repository = p -> Reply.file("sickle/noRecordsMatch.xml");

        OaiPmhHarvest.Harvest harvest = harvester().harvest(baseUrl, "oai_dc", "2030-01-01", null);

        assertThat(all(harvest)).isEmpty();
        assertThat(harvest.complete()).isTrue();
        assertThat(harvest.newestDatestamp()).isNull();
        assertThat(requests).containsExactly(Map.of("verb", "ListRecords", "metadataPrefix", "oai_dc", "from", "2030-01-01"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "sickle/ListRecordsBroken.xml, not well-formed XML",
        "pyoai/fake3/00001.xml, unexpected <bogus>",
        "pyoai/fake4/00001.xml, not well-formed XML",
        "sickle/Identify.xml, unexpected <Identify>"})
    void responsesThatAreNotListRecordsFailClearly(String response, String reason) {
        repository = p -> Reply.file(response);

        assertThatThrownBy(() -> harvester().harvest(baseUrl, "oai_dc", null, null).hasNext())
                .isInstanceOf(OaiPmhException.class).hasMessageContaining(reason)
                .satisfies(e -> assertThat(((OaiPmhException) e).code()).isNull());
    }

    @Test
    void unsupportedMetadataFormatFailsThatRecordOnly() {
        repository = p -> Reply.file("own/ListRecords-unknown-format.xml");

        List<ReadOutcome> outcomes = all(harvester().harvest(baseUrl, "oai_dc", null, null));

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).record().deleted()).isTrue();
        assertThat(outcomes.get(0).sourceId()).isEqualTo("fake:foo1");
        assertThat(outcomes.get(1).failure())
                .isEqualTo("record 2 (fake:foo2): metadata format <foo> is not supported (only oai_dc and MARC 21)");
    }

    @Test
    void utf8RecordKeepsItsChineseCreator() {
        repository = p -> p.equals(Map.of("verb", "GetRecord", "identifier", "oai:test.example.com:1996652",
                "metadataPrefix", "oai_dc")) ? Reply.file("sickle/GetRecord_utf8test.xml") : Reply.status(400);

        ReadOutcome outcome = harvester().getRecord(baseUrl, "oai:test.example.com:1996652", "oai_dc");

        assertThat(outcome.record().authors()).containsExactly("某人");
        assertThat(outcome.record().year()).isEqualTo(2011);
    }

    @Test
    void getRecordOfADeletedOrUnknownIdentifier() {
        repository = p -> switch (p.get("identifier")) {
            case "hdl:1765/1160" -> Reply.file("pyoai/fake2/00000.xml");
            case "hdl:1765/1162" -> Reply.file("pyoai/fake2/00001.xml");
            default -> Reply.file("sickle/idDoesNotExist.xml");
        };
        OaiPmhHarvest harvester = harvester();

        assertThat(harvester.getRecord(baseUrl, "hdl:1765/1160", "oai_dc").record())
                .isEqualTo(BibRecord.deleted("oai:" + baseUrl, "hdl:1765/1160"));
        assertThat(harvester.getRecord(baseUrl, "hdl:1765/1162", "oai_dc").record().authors())
                .containsExactly("Cavelaars, P.A.D.");
        assertThatThrownBy(() -> harvester.getRecord(baseUrl, "hdl:9999/1", "oai_dc"))
                .isInstanceOfSatisfying(OaiPmhException.class, e -> assertThat(e.code()).isEqualTo("idDoesNotExist"));
    }

    @Test
    void busyRepositoryIsRetriedAfterItsRetryAfter() {
        AtomicInteger calls = new AtomicInteger();
        repository = p -> calls.incrementAndGet() <= 2 ? Reply.status(503, "Retry-After", "120")
                : Reply.file("sickle/ListRecords4.xml");

        List<ReadOutcome> outcomes = all(harvester().harvest(baseUrl, "oai_dc", null, null));

        assertThat(requests).hasSize(3); // two 503s waited out (capped at 50 ms here), then the page
        assertThat(records(outcomes)).extracting(BibRecord::title).containsExactly("Sample Title");
    }

    @Test
    void repositoryThatStaysBusyFailsAfterTheRetries() {
        repository = p -> Reply.status(503, "Retry-After", "1");

        assertThatThrownBy(() -> harvester().harvest(baseUrl, "oai_dc", null, null).hasNext())
                .isInstanceOf(OaiPmhException.class).hasMessageEndingWith("HTTP 503 (repository unavailable, 3 attempts)");
        assertThat(requests).hasSize(3);
    }

    @Test
    void httpErrorsAreNotRetried() {
        repository = p -> Reply.status(500);

        assertThatThrownBy(() -> harvester().harvest(baseUrl, "oai_dc", null, null).hasNext())
                .isInstanceOf(OaiPmhException.class).hasMessageEndingWith(": HTTP 500");
        assertThat(requests).hasSize(1);
    }

    @Test
    void repositoryThatDoesNotAnswerTimesOut() {
        repository = p -> {
            try {
                stop.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.status(504);
        };
        OaiPmhHarvest impatient = new OaiPmhHarvest(HttpClient.newHttpClient(), Duration.ofMillis(300), 0, Duration.ZERO,
                new OaiPmhHarvest.Limits(1 << 20, 100, 100, Set.of("127.0.0.1")));

        assertThatThrownBy(() -> impatient.harvest(baseUrl, "oai_dc", null, null).hasNext())
                .isInstanceOf(OaiPmhException.class).hasMessageContaining("no response within");
    }

    @Test
    void repeatedResumptionTokenStopsAnEndlessHarvest() {
        repository = p -> Reply.file("own/ListRecords-same-token.xml"); // always token "more"

        OaiPmhHarvest.Harvest harvest = harvester().harvest(baseUrl, "oai_dc", null, null);

        assertThatThrownBy(() -> harvest.forEachRemaining(o -> { }))
                .isInstanceOf(OaiPmhException.class).hasMessageContaining("sent the resumptionToken 'more' twice");
        assertThat(requests).hasSize(2); // the first page and the one that named "more" again
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1,false", "10.1.2.3,false", "172.16.0.1,false", "192.168.1.1,false", "169.254.169.254,false",
        "0.0.0.0,false", "100.64.0.1,false", "224.0.0.1,false", "255.255.255.255,false", "::1,false", "::,false",
        "fe80::1,false", "fc00::1,false", "fd12:3456::1,false", "ff02::1,false", "::ffff:127.0.0.1,false",
        "::ffff:10.0.0.1,false", "::127.0.0.1,false", "64:ff9b::a9fe:a9fe,false",
        "8.8.8.8,true", "103.10.20.30,true", "2001:4860:4860::8888,true", "::ffff:8.8.8.8,true"})
    void addressesInsideTheNetworkAreNotPublic(String address, boolean expected) throws Exception {
        assertThat(OaiPmhHarvest.isPublic(InetAddress.getByName(address))).as(address).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"localhost", "127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "169.254.169.254", "10.0.0.1"})
    void aHostInsideTheNetworkIsRefusedAfterResolutionUnlessAllowListed(String host) {
        repository = p -> Reply.file("sickle/ListRecords.xml");
        String url = "http://" + host + ":" + server.getAddress().getPort() + "/oai";

        assertThatThrownBy(() -> harvester(OaiPmhHarvest.Limits.DEFAULT).harvest(url, "oai_dc", null, null).hasNext())
                .isInstanceOf(OaiPmhException.class).hasMessageContaining("an address inside the network")
                .hasMessageContaining("catalog.harvest.allowed-hosts");
        assertThat(requests).isEmpty();
    }

    @Test
    void redirectsAreNeverFollowed() {
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", baseUrl + "?verb=ListRecords&metadataPrefix=oai_dc");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        repository = p -> Reply.file("sickle/ListRecords.xml");
        String moved = baseUrl.replace("/oai", "/moved");
        // the production client: today it follows redirects, wherever they lead
        OaiPmhHarvest production = new OaiPmhHarvest(Duration.ofSeconds(5),
                new OaiPmhHarvest.Limits(1 << 20, 100, 100, Set.of("127.0.0.1")));

        assertThatThrownBy(() -> production.harvest(moved, "oai_dc", null, null).hasNext())
                .isInstanceOf(OaiPmhException.class).hasMessageContaining("HTTP 302 redirect to " + baseUrl)
                .hasMessageContaining("is not followed");
        assertThat(requests).isEmpty();
    }

    @Test
    void aBodyThatStallsTimesOutWithinTheResponseTime() {
        server.createContext("/stall", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(("<?xml version=\"1.0\"?><OAI-PMH xmlns=\"" + OaiPmhHarvest.OAI_NS + "\"><ListRecords>")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                stop.await(30, TimeUnit.SECONDS); // the headers and the start came at once; the rest never does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        OaiPmhHarvest impatient = new OaiPmhHarvest(HttpClient.newHttpClient(), Duration.ofSeconds(1), 0, Duration.ZERO,
                new OaiPmhHarvest.Limits(1 << 20, 100, 100, Set.of("127.0.0.1")));
        long started = System.nanoTime();

        assertThatThrownBy(() -> impatient.harvest(baseUrl.replace("/oai", "/stall"), "oai_dc", null, null).hasNext())
                .isInstanceOf(OaiPmhException.class).hasMessageContaining("did not arrive in full within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aResponseLargerThanTheLimitStopsTheHarvest() {
        repository = p -> Reply.file("sickle/ListRecords.xml"); // 2,920 bytes

        OaiPmhHarvest.Harvest harvest = harvester(new OaiPmhHarvest.Limits(1000, 100, 100, Set.of("127.0.0.1")))
                .harvest(baseUrl, "oai_dc", null, null);

        assertThatThrownBy(() -> harvest.forEachRemaining(o -> { }))
                .isInstanceOf(OaiPmhException.class).hasMessageContaining("larger than 1000 bytes");
        assertThat(harvest.complete()).isFalse();
    }

    @Test
    void pagesAndRecordsPerHarvestAreBounded() {
        repository = p -> Reply.file("sickle/" + p.getOrDefault("resumptionToken", "ListRecords.xml"));

        OaiPmhHarvest.Harvest fewPages = harvester(new OaiPmhHarvest.Limits(1 << 20, 2, 100, Set.of("127.0.0.1")))
                .harvest(baseUrl, "oai_dc", null, null);
        List<ReadOutcome> read = new ArrayList<>();
        assertThatThrownBy(() -> fewPages.forEachRemaining(read::add))
                .isInstanceOf(OaiPmhException.class).hasMessageContaining("stopped after 2 pages");
        assertThat(read).hasSize(4); // two pages of two records
        assertThat(requests).hasSize(2);

        OaiPmhHarvest.Harvest fewRecords = harvester(new OaiPmhHarvest.Limits(1 << 20, 100, 3, Set.of("127.0.0.1")))
                .harvest(baseUrl, "oai_dc", null, null);
        read.clear();
        assertThatThrownBy(() -> fewRecords.forEachRemaining(read::add))
                .isInstanceOf(OaiPmhException.class).hasMessageContaining("stopped after 3 records");
        assertThat(read).hasSize(3);
        assertThat(fewRecords.complete()).isFalse();
    }
}
