package org.tanyapustaka.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service (its quarkus-run.jar) run as a separate JVM, configured by environment variables. */
public final class ServiceJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private ServiceJvm(String name, Process process, Path log, int port, int managementPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * Starts {@code <root>/<service>/target/quarkus-app/quarkus-run.jar} on the port with the environment given
     * (PORT is set here, and MANAGEMENT_PORT, where a packaged service answers /q/health, /q/metrics and /q/openapi:
     * a free port unless the environment names one), writing its output to the log. The service runs in the {@code local} configuration
     * profile unless the environment names another: production-only settings (the desk's sign-in through Keycloak)
     * stay off on a developer's machine.
     */
    public static ServiceJvm start(Path root, String service, int port, Map<String, String> environment, Path log,
            List<String> jvmOptions) throws IOException {
        Path jar = root.resolve(service).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().putIfAbsent("QUARKUS_PROFILE", "local");
        if (!builder.environment().containsKey("MANAGEMENT_PORT")) {
            builder.environment().put("MANAGEMENT_PORT", String.valueOf(freePort()));
        }
        int managementPort = Integer.parseInt(builder.environment().get("MANAGEMENT_PORT"));
        return new ServiceJvm(service, builder.start(), log, port, managementPort);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** The port of the management interface ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}). */
    public int managementPort() {
        return managementPort;
    }

    /** A URI on the management interface, e.g. {@code /q/health/ready}. */
    public URI managementUri(String path) {
        return URI.create("http://localhost:" + managementPort + path);
    }

    /** Waits until {@code /q/health/ready} (on the management interface) answers 200. */
    public ServiceJvm awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(managementUri("/q/health/ready"))
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code kill -9}: no shutdown hooks, no goodbye to Kafka or PostgreSQL. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
