package org.tanyapustaka.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tanyapustaka.testsupport.DevelopmentKeys;
import org.tanyapustaka.testsupport.EmbeddedKafka;
import org.tanyapustaka.testsupport.EmbeddedPostgresServer;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn;

/** A packaged service run as a separate JVM against the test JVM's broker, database and Graph API stand-in. */
final class ServiceProcess implements AutoCloseable {

    private final ServiceJvm jvm;

    private ServiceProcess(ServiceJvm jvm) {
        this.jvm = jvm;
    }

    static ServiceProcess start(String service, String database) throws IOException {
        return start(service, database, EmbeddedKafka.freePort());
    }

    /** Starts the service on the port given, e.g. again on the port of an instance that was stopped. */
    static ServiceProcess start(String service, String database, int port) throws IOException {
        Map<String, String> env = new HashMap<>();
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
        env.put("TANYA_ATTACHMENTS_SECRET", "local-stack-test-attachments-secret");
        return new ServiceProcess(ServiceJvm.start(Path.of(".."), service, port, env,
                Path.of("target", service + ".log"), List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")));
    }

    int port() {
        return jvm.port();
    }

    URI uri(String path) {
        return jvm.uri(path);
    }

    /** A URI on the service's management interface ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}). */
    URI managementUri(String path) {
        return jvm.managementUri(path);
    }

    ServiceProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        jvm.awaitReady(timeout);
        return this;
    }

    void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
