package org.tanyapustaka.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a service under test a real Kafka broker and a real PostgreSQL, started once per test JVM, and its own
 * database (init arg {@code database}, e.g. {@code routing}). Also points the service at the WhatsApp stand-in
 * and the test token issuer.
 *
 * <pre>{@code @QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))}</pre>
 */
public class TanyaTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure.ensureStarted(database);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrapServers());
        if (database != null) {
            config.put("quarkus.datasource.jdbc.url", TestInfrastructure.jdbcUrl(database));
            config.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
            config.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        }
        config.put("mp.jwt.verify.publickey.location", TestInfrastructure.jwtPublicKeyLocation());
        config.put("mp.jwt.verify.issuer", DevelopmentKeys.ISSUER);
        config.put("whatsapp.app-secret", TestInfrastructure.APP_SECRET);
        config.put("whatsapp.verify-token", TestInfrastructure.VERIFY_TOKEN);
        config.put("whatsapp.access-token", TestInfrastructure.ACCESS_TOKEN);
        config.put("whatsapp.phone-number-id", TestInfrastructure.PHONE_NUMBER_ID);
        config.put("whatsapp.api-base-url", TestInfrastructure.whatsappBaseUrl());
        config.put("whatsapp.api-version", WhatsAppCloudStandIn.DEFAULT_VERSION);
        return config;
    }

    @Override
    public void stop() {
        // The infrastructure outlives each test class; a JVM shutdown hook stops it.
    }
}
