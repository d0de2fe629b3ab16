package org.tanyapustaka.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.EmbeddedKafka;
import org.tanyapustaka.testsupport.TestInfrastructure;

/**
 * The production entry point, run for real: Debian's Caddy with {@code deploy/proxy/Caddyfile} (the file
 * docker-compose.yml mounts, unchanged; only its environment differs) in front of the four packaged services, with a
 * certificate made for this test. TLS works with that certificate, each route reaches its service, and nothing else
 * does: not {@code /q/*} (which the packaged services serve on their management ports only), not the services'
 * internal endpoints, not Keycloak's admin console or master realm, not the services' own ports by another host name.
 * Keycloak itself is a recording stand-in here (the hardened realm runs in a real Keycloak in routing's
 * DeskSignInTest): the proxy's part is which of its paths it forwards, and how.
 *
 * <p>Caddy is Debian's package {@code caddy} ({@code .ci/run} installs it); without it the test fails, naming it.
 */
class ProxyIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CADDYFILE = Path.of("..", "deploy", "proxy", "Caddyfile");
    static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    static final Path WORK = Path.of("target", "proxy-it");
    static final String STORE_PASSWORD = "proxy-it-store";

    static final List<ServiceProcess> services = new ArrayList<>();
    static ServiceProcess gateway;
    static ServiceProcess routing;
    static ServiceProcess catalog;
    static ServiceProcess analytics;
    static HttpServer keycloak;
    static final List<String> keycloakSaw = new CopyOnWriteArrayList<>();
    static final List<Map<String, String>> keycloakHeaders = new CopyOnWriteArrayList<>();
    static Process caddy;
    static int httpsPort;
    static int httpPort;
    static Certificate certificate;
    static SSLContext trustingTheCertificate;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        String caddyBinary = caddyBinary();
        Files.createDirectories(WORK);
        makeCertificate();

        for (String database : List.of("gateway", "routing", "catalog", "analytics")) {
            TestInfrastructure.ensureStarted(database);
        }
        gateway = started(ServiceProcess.start("gateway-service", "gateway"));
        routing = started(ServiceProcess.start("routing-service", "routing"));
        catalog = started(ServiceProcess.start("catalog-service", "catalog"));
        analytics = started(ServiceProcess.start("analytics-service", "analytics"));

        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keycloak.createContext("/", exchange -> {
            keycloakSaw.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            keycloakHeaders.add(Map.of("X-Forwarded-Proto", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto")),
                    "X-Forwarded-Host", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Host")),
                    "X-Forwarded-For", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For"))));
            byte[] body = "keycloak stand-in".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        keycloak.start();

        httpsPort = EmbeddedKafka.freePort();
        httpPort = EmbeddedKafka.freePort();
        ProcessBuilder builder = new ProcessBuilder(caddyBinary, "run", "--config", CADDYFILE.toString(),
                "--adapter", "caddyfile").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(WORK.resolve("caddy.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("HOME", WORK.toAbsolutePath().toString());
        env.put("XDG_DATA_HOME", WORK.resolve("data").toAbsolutePath().toString());
        env.put("XDG_CONFIG_HOME", WORK.resolve("config").toAbsolutePath().toString());
        env.put("TANYA_PUBLIC_URL", "https://localhost:" + httpsPort);
        env.put("TANYA_HTTP_PORT", String.valueOf(httpPort));
        env.put("TANYA_TLS", "files");
        env.put("TANYA_TLS_CERT", WORK.resolve("fullchain.pem").toAbsolutePath().toString());
        env.put("TANYA_TLS_KEY", WORK.resolve("privkey.pem").toAbsolutePath().toString());
        env.put("TANYA_GATEWAY", "127.0.0.1:" + gateway.port());
        env.put("TANYA_ROUTING", "127.0.0.1:" + routing.port());
        env.put("TANYA_CATALOG", "127.0.0.1:" + catalog.port());
        env.put("TANYA_ANALYTICS", "127.0.0.1:" + analytics.port());
        env.put("TANYA_KEYCLOAK", "127.0.0.1:" + keycloak.getAddress().getPort());
        caddy = builder.start();

        http = HttpClient.newBuilder().sslContext(trustingTheCertificate).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        awaitProxy();
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(180));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (caddy != null) {
            caddy.destroy();
            if (!caddy.waitFor(10, TimeUnit.SECONDS)) {
                caddy.destroyForcibly();
            }
        }
        if (keycloak != null) {
            keycloak.stop(0);
        }
        for (ServiceProcess service : services) {
            service.close();
        }
    }

    @Test
    void tlsIsTheMountedCertificateAndPlainHttpOnlyRedirects() throws Exception {
        HttpResponse<String> response = get("/webhook?hub.mode=subscribe&hub.verify_token=" + TestInfrastructure.VERIFY_TOKEN
                + "&hub.challenge=4711");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.sslSession()).isPresent();
        assertThat(response.sslSession().get().getPeerCertificates()[0]).isEqualTo(certificate);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(response.headers().firstValue("Server")).isEmpty();

        // A client that does not know the certificate refuses it: it is the test's own, not one Caddy made up.
        HttpClient stranger = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(https("/webhook")).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(SSLHandshakeException.class);

        // Plain HTTP answers nothing but a redirect to the same address over HTTPS.
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + httpPort + "/desk/inbox?x=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isBetween(301, 308);
        assertThat(plain.headers().firstValue("Location")).hasValue("https://localhost:" + httpsPort + "/desk/inbox?x=1");
    }

    @Test
    void eachRouteReachesItsService() throws Exception {
        // gateway: Meta's webhook verification answers the challenge only with the right verify token.
        HttpResponse<String> verified = get("/webhook?hub.mode=subscribe&hub.verify_token="
                + TestInfrastructure.VERIFY_TOKEN + "&hub.challenge=1158201444");
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).isEqualTo("1158201444");
        assertThat(get("/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").statusCode()).isEqualTo(403);

        // routing: the desk's sign-in page and its assets, and the REST API with a staff token.
        HttpResponse<String> signIn = get("/desk/sign-in");
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("<form");
        assertThat(get("/desk-assets/desk.css").statusCode()).isEqualTo(200);
        // Without a session the desk sends the browser to its sign-in page at the public address (routing believes
        // the proxy's X-Forwarded-Proto and -Host): the same rule puts the realm's exact callback URL in production.
        HttpResponse<String> desk = get("/desk/inbox");
        assertThat(desk.statusCode()).isEqualTo(302);
        assertThat(desk.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("https://localhost:" + httpsPort + "/desk/sign-in"));
        HttpResponse<String> me = get("/api/routing/librarians/me", TestInfrastructure.token("proxy.sari", "librarian"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).path("username").asText()).isEqualTo("proxy.sari");
        assertThat(get("/api/routing/librarians/me", null).statusCode()).isEqualTo(401);

        // catalog: the public search.
        HttpResponse<String> search = get("/api/catalog/search?q=perpustakaan");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(search.body()).isObject()).isTrue();

        // analytics: the dashboard page and the figures (admins only).
        assertThat(get("/dashboard").statusCode()).isEqualTo(200);
        assertThat(get("/api/analytics/summary", TestInfrastructure.token("proxy.kepala", "admin")).statusCode()).isEqualTo(200);
        assertThat(get("/api/analytics/summary", TestInfrastructure.token("proxy.sari", "librarian")).statusCode()).isEqualTo(403);

        // Keycloak: the staff realm's sign-in pages and static files, told the public scheme and host.
        keycloakSaw.clear();
        keycloakHeaders.clear();
        assertThat(get("/auth/realms/tanya-pustaka/.well-known/openid-configuration").body()).isEqualTo("keycloak stand-in");
        assertThat(get("/auth/resources/abc/login/keycloak.v2/css/styles.css").statusCode()).isEqualTo(200);
        assertThat(keycloakSaw).containsExactly("GET /auth/realms/tanya-pustaka/.well-known/openid-configuration",
                "GET /auth/resources/abc/login/keycloak.v2/css/styles.css");
        assertThat(keycloakHeaders.get(0)).containsEntry("X-Forwarded-Proto", "https")
                .containsEntry("X-Forwarded-Host", "localhost:" + httpsPort);
        assertThat(keycloakHeaders.get(0).get("X-Forwarded-For")).isIn("127.0.0.1", "::1", "0:0:0:0:0:0:0:1");
        // A client cannot pass for another address: Caddy replaces the X-Forwarded-For it sends.
        keycloakHeaders.clear();
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(https("/auth/resources/x.css"))
                .header("X-Forwarded-For", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(keycloakHeaders.get(0).get("X-Forwarded-For")).isIn("127.0.0.1", "::1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void nothingElseIsForwarded() throws Exception {
        // The packaged services do have /q/* - on their management ports, not on the ports the proxy forwards to.
        for (ServiceProcess service : services) {
            assertThat(http.send(HttpRequest.newBuilder(service.managementUri("/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(service.uri("/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
        keycloakSaw.clear();
        List<String> refused = List.of("/", "/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/dev-ui",
                "/internal/attachments/1", "/media/1234567890", "/webhook/../q/health", "/desk/../q/metrics",
                "/desk/%2e%2e/q/health", "/api/routing/..%2f..%2fq/health", "/api/catalog/%2e%2e/%2e%2e/q/openapi",
                "/auth/admin/master/console/", "/auth/admin/realms/tanya-pustaka/users",
                "/auth/realms/master/protocol/openid-connect/token", "/auth/realms/master/.well-known/openid-configuration",
                "/auth/realms/tanya-pustaka/../master/.well-known/openid-configuration", "/auth/metrics", "/auth/health",
                "/realms/tanya-pustaka/.well-known/openid-configuration", "/webhookx", "/dashboardx", "/api/other/x");
        for (String path : refused) {
            String answer = raw("GET " + path + " HTTP/1.1", "localhost:" + httpsPort);
            assertThat(answer).as(path).startsWith("HTTP/1.1 404 ").endsWith("Not found");
        }
        assertThat(keycloakSaw).as("Keycloak was asked for nothing of that").isEmpty();

        // The services' own ports and management ports cannot be named through the proxy, by host name or by an
        // absolute request target: Caddy serves only its one site.
        for (ServiceProcess service : services) {
            for (String host : List.of("127.0.0.1:" + service.port(), "127.0.0.1:" + service.managementUri("/").getPort())) {
                String byHost = raw("GET /q/health/ready HTTP/1.1", host);
                assertThat(byHost).as(host).doesNotContain("\"status\"").doesNotContain("UP");
                String absolute = raw("GET http://" + host + "/q/health/ready HTTP/1.1", "localhost:" + httpsPort);
                assertThat(absolute).as(host).doesNotContain("\"status\"").doesNotContain("UP");
            }
        }
    }

    @Test
    void composePublishesOnlyTheProxyRunsKeycloakInProductionAndMountsThisCaddyfile() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
        List<String> published = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(service -> service.getValue().path("ports")
                .forEach(port -> published.add(service.getKey() + " " + port.asText())));
        assertThat(published).containsExactlyInAnyOrder("proxy 80:80", "proxy 443:443", "proxy 443:443/udp",
                "keycloak 127.0.0.1:8180:8080");
        assertThat(compose.at("/services/proxy/volumes").toString()).contains("./deploy/proxy/Caddyfile:/etc/caddy/Caddyfile:ro");
        assertThat(compose.at("/services/keycloak/command/0").asText()).isEqualTo("start");
        assertThat(compose.at("/services/keycloak/environment/KC_BOOTSTRAP_ADMIN_PASSWORD").asText()).startsWith("${KEYCLOAK_ADMIN_PASSWORD:?");
        assertThat(compose.at("/services/keycloak/environment/KC_DB").asText()).isEqualTo("postgres");
    }

    // ---------------------------------------------------------------- helpers

    static ServiceProcess started(ServiceProcess service) {
        services.add(service);
        return service;
    }

    static URI https(String path) {
        return URI.create("https://localhost:" + httpsPort + path);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(https(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One request written by hand over TLS (request target and Host exactly as given); the whole answer. */
    static String raw(String requestLine, String host) throws IOException {
        try (SSLSocket socket = (SSLSocket) trustingTheCertificate.getSocketFactory().createSocket("localhost", httpsPort)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName("localhost")));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Waits until Caddy answers over TLS (any status), failing with its log if it stops. */
    static void awaitProxy() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!caddy.isAlive()) {
                throw new IllegalStateException("caddy exited with " + caddy.exitValue() + ":\n"
                        + Files.readString(WORK.resolve("caddy.log")));
            }
            try {
                http.send(HttpRequest.newBuilder(https("/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                caddy.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("caddy did not answer within 60 s:\n" + Files.readString(WORK.resolve("caddy.log")));
    }

    /** Debian's caddy: -Dtanya.caddy, else on the PATH. Missing is a failure that says what to install. */
    static String caddyBinary() {
        String configured = System.getProperty("tanya.caddy");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "caddy");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("caddy is not installed: the production proxy test runs Debian's Caddy "
                + "(apt-get install -y caddy; .ci/run installs it), or point -Dtanya.caddy at the binary");
    }

    /**
     * A certificate for localhost made for this run with the JDK's keytool, written as the PEM files Caddy mounts
     * (fullchain.pem, privkey.pem), and a TLS context that trusts only it.
     */
    static void makeCertificate() throws Exception {
        Path store = WORK.resolve("localhost.p12");
        Files.deleteIfExists(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as("keytool: %s", output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        certificate = keys.getCertificate("localhost");
        Files.writeString(WORK.resolve("fullchain.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(WORK.resolve("privkey.pem"),
                pem("PRIVATE KEY", keys.getKey("localhost", STORE_PASSWORD.toCharArray()).getEncoded()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("localhost", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        trustingTheCertificate = SSLContext.getInstance("TLS");
        trustingTheCertificate.init(null, trustManagers.getTrustManagers(), null);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
