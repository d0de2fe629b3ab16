package org.tanyapustaka.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak, from Maven Central's {@code keycloak-quarkus-dist} zip, started once per test JVM with the
 * project's realm imported, so the staff sign-in is tested against the identity provider production runs.
 *
 * <p>The zip comes from the local Maven repository (the module declares it as a test dependency and passes its path
 * as {@code tanya.keycloak.dist}); it is unpacked once under {@code tanya.keycloak.home}. Keycloak needs Java 21+,
 * which the build's JDK may not be: {@code tanya.keycloak.java-home} (or {@code KEYCLOAK_JAVA_HOME}) names one,
 * otherwise the newest JDK 21+ under /usr/lib/jvm is used; without one, starting fails and says so. The server runs
 * in development mode on an in-memory H2 database, on free ports, with a 512 MB heap, its log in a file, and stops
 * when the test JVM exits. Environment variables given at start fill the realm file's {@code ${...}} placeholders.
 */
public final class KeycloakServer {

    public static final String ADMIN = "tanya-test-admin";
    public static final String ADMIN_PASSWORD = "tanya-test-admin-password";

    private static final String DIST = "tanya.keycloak.dist";
    private static final String HOME = "tanya.keycloak.home";
    private static final String JAVA_HOME = "tanya.keycloak.java-home";
    private static final String RUNNING = "tanya.test.keycloak";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Process process;

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The Keycloak of this test JVM, started on first use with {@code realmFile} imported and {@code environment}
     * given to it (placeholders in the realm file). Later calls, from any class loader, attach to it.
     */
    public static synchronized KeycloakServer shared(Path realmFile, Map<String, String> environment) {
        String running = System.getProperty(RUNNING);
        if (running != null) {
            return new KeycloakServer(running);
        }
        KeycloakServer server = start(realmFile, environment);
        System.setProperty(RUNNING, server.baseUrl);
        return server;
    }

    /** http://localhost:port of the server. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The issuer URL of a realm, what {@code quarkus.oidc.auth-server-url} and {@code iss} carry. */
    public String realmUrl(String realm) {
        return baseUrl + "/realms/" + realm;
    }

    /** A free TCP port on this host (for a server that must be known before it starts). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- starting

    private static KeycloakServer start(Path realmFile, Map<String, String> environment) {
        Path zip = Path.of(required(DIST, "the keycloak-quarkus-dist zip in the local Maven repository"));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("No Keycloak distribution at " + zip
                    + ": declare org.keycloak:keycloak-quarkus-dist (type zip) as a test dependency so Maven downloads it");
        }
        if (!Files.isRegularFile(realmFile)) {
            throw new IllegalStateException("No realm file at " + realmFile);
        }
        Path javaHome = javaHome();
        Path home = Path.of(System.getProperty(HOME, "target/keycloak")).toAbsolutePath();
        try {
            Path server = unpack(zip, home);
            Path data = server.resolve("data");
            deleteTree(data);
            Files.createDirectories(data.resolve("import"));
            Files.copy(realmFile, data.resolve("import").resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            int port = freePort();
            int managementPort = freePort();
            Path log = home.resolve("keycloak.log");
            List<String> command = new ArrayList<>(List.of(server.resolve("bin").resolve("kc.sh").toString(),
                    "start-dev", "--import-realm", "--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + managementPort, "--hostname-strict=false", "--cache=local",
                    "--health-enabled=true"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", javaHome.toString());
            env.put("PATH", javaHome.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.putAll(environment);
            Instant started = Instant.now();
            process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(KeycloakServer::stop, "tanya-keycloak-stop"));
            KeycloakServer keycloak = new KeycloakServer("http://localhost:" + port);
            keycloak.awaitReady(log, Duration.ofMinutes(4));
            System.out.printf("Keycloak %s ready on port %d in %d ms (log: %s)%n", server.getFileName(), port,
                    Duration.between(started, Instant.now()).toMillis(), log);
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + zip, e);
        }
    }

    private void awaitReady(Path log, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        URI discovery = URI.create(baseUrl + "/realms/master/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "; see " + log);
    }

    private static void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unpacks the zip under {@code home} unless a complete copy is already there; returns the server directory. */
    private static Path unpack(Path zip, Path home) throws IOException {
        String name = zip.getFileName().toString().replaceFirst("\\.zip$", "").replace("keycloak-quarkus-dist-", "keycloak-");
        Path server = home.resolve(name);
        Path complete = home.resolve(name + ".unpacked");
        if (Files.exists(complete) && Files.isRegularFile(server.resolve("bin").resolve("kc.sh"))) {
            return server;
        }
        deleteTree(server);
        Files.createDirectories(home);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                // Entries are "keycloak-<version>/..."; keep that layout, refusing anything that leaves home.
                Path target = home.resolve(entry.getName()).normalize();
                if (!target.startsWith(home)) {
                    throw new IOException("Zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (!Files.isRegularFile(server.resolve("bin").resolve("kc.sh"))) {
            throw new IllegalStateException(zip + " did not contain " + name + "/bin/kc.sh");
        }
        try (Stream<Path> scripts = Files.list(server.resolve("bin"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.writeString(complete, zip.toString());
        return server;
    }

    /**
     * A JDK 21+ for Keycloak: {@code tanya.keycloak.java-home} or {@code KEYCLOAK_JAVA_HOME}, else this JVM's if new
     * enough, else the newest under /usr/lib/jvm.
     */
    static Path javaHome() {
        String configured = Optional.ofNullable(System.getProperty(JAVA_HOME)).orElse(System.getenv("KEYCLOAK_JAVA_HOME"));
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            int version = javaVersion(home);
            if (version < 21) {
                throw new IllegalStateException("Keycloak needs Java 21 or newer, but " + home + " is "
                        + (version < 0 ? "not a JDK" : "Java " + version));
            }
            return home;
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                Optional<Path> newest = homes.filter(home -> javaVersion(home) >= 21)
                        .max(Comparator.comparingInt(KeycloakServer::javaVersion));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("Keycloak needs Java 21 or newer and none was found: this JVM is Java "
                + Runtime.version().feature() + ", /usr/lib/jvm has no JDK 21+. Install one (e.g. Temurin 25) or "
                + "point -D" + JAVA_HOME + " (or KEYCLOAK_JAVA_HOME) at it.");
    }

    /** The feature version in a JDK's {@code release} file, or -1 when it is not a runnable JDK. */
    private static int javaVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String required(String property, String what) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " (" + what + ") is not set: "
                    + "the module's surefire configuration sets it");
        }
        return value;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    // ---------------------------------------------------------------- administration (users for tests)

    /** An access token of the master realm's bootstrap administrator (admin-cli). */
    private String adminToken() {
        JsonNode token = post(baseUrl + "/realms/master/protocol/openid-connect/token", null,
                "application/x-www-form-urlencoded", form(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", ADMIN, "password", ADMIN_PASSWORD)));
        return token.path("access_token").asText();
    }

    /**
     * Creates (or finds) a user of {@code realm} with the password, a verified e-mail address, names, and the realm
     * roles given; returns its id.
     */
    public String createUser(String realm, String username, String password, String firstName, String lastName,
            Set<String> realmRoles) {
        String admin = adminToken();
        String users = baseUrl + "/admin/realms/" + realm + "/users";
        ObjectNode user = JSON.createObjectNode().put("username", username).put("enabled", true)
                .put("email", username + "@perpustakaan.example").put("emailVerified", true)
                .put("firstName", firstName).put("lastName", lastName);
        ObjectNode credential = user.putArray("credentials").addObject();
        credential.put("type", "password").put("value", password).put("temporary", false);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(users))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(user.toString())).build());
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("Creating user " + username + ": " + created.statusCode() + " " + created.body());
        }
        JsonNode found = get(users + "?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8), admin);
        String id = found.path(0).path("id").asText();
        if (!realmRoles.isEmpty()) {
            List<JsonNode> roles = new ArrayList<>();
            for (String role : realmRoles) {
                roles.add(get(baseUrl + "/admin/realms/" + realm + "/roles/" + URLEncoder.encode(role, StandardCharsets.UTF_8), admin));
            }
            HttpResponse<String> mapped = send(HttpRequest.newBuilder(
                    URI.create(users + "/" + id + "/role-mappings/realm"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.valueToTree(roles).toString())).build());
            if (mapped.statusCode() != 204) {
                throw new IllegalStateException("Giving " + username + " " + realmRoles + ": " + mapped.statusCode() + " " + mapped.body());
            }
        }
        return id;
    }

    /**
     * A call to Keycloak's admin REST API as the bootstrap administrator: {@code path} below {@code /admin/realms/},
     * e.g. {@code tanya-pustaka/clients?clientId=tanya-desk}; {@code json} is the body, or null.
     */
    public HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + path))
                .header("Authorization", "Bearer " + adminToken())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    /** The JSON an admin GET answers (200 expected). */
    public JsonNode adminGet(String path) {
        HttpResponse<String> response = admin("GET", path, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /admin/realms/" + path + ": " + response.statusCode() + " " + response.body());
        }
        return read(response.body());
    }

    /** POSTs a form to a token endpoint (or any endpoint) and returns the status and body, for tests of refusals. */
    public HttpResponse<String> postForm(String url, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
    }

    private JsonNode get(String url, String bearer) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + response.statusCode() + " " + response.body());
        }
        return read(response.body());
    }

    private JsonNode post(String url, String bearer, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + ": " + response.statusCode() + " " + response.body());
        }
        return read(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        new HashMap<>(fields).forEach((name, value) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return form.toString();
    }
}
