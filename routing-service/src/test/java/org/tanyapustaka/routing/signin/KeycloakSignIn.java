package org.tanyapustaka.routing.signin;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.tanyapustaka.testsupport.KeycloakServer;

/**
 * Switches the desk's production sign-in on in a test: a real Keycloak (test-support's {@link KeycloakServer}) with
 * the project's realm file, and routing-service's own {@code %prod} sign-in settings applied as {@code %test} ones,
 * so the test exercises the configuration production runs, not a copy of it.
 */
public class KeycloakSignIn implements QuarkusTestProfile {

    static final String REALM = "tanya-pustaka";
    static final String CLIENT_ID = "tanya-desk";
    /** The desk's port must be known before Keycloak starts: the realm allows exactly its callback URL. */
    static final int APP_PORT = Integer.parseInt(System.getProperty("tanya.test.desk-port",
            String.valueOf(KeycloakServer.freePort())));
    static final String CLIENT_SECRET = "desk-client-secret-for-tests-only-0123456789";
    static final String SESSION_SECRET = "desk-session-secret-for-tests-only-ABCDEFGHIJ";

    static {
        System.setProperty("tanya.test.desk-port", String.valueOf(APP_PORT));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    static String appUrl() {
        return "http://localhost:" + APP_PORT;
    }

    static KeycloakServer keycloak() {
        return KeycloakServer.shared(Path.of(System.getProperty("tanya.keycloak.realm",
                "../deploy/keycloak/tanya-pustaka-realm.json")),
                Map.of("TANYA_PUBLIC_URL", appUrl(), "TANYA_DESK_CLIENT_SECRET", CLIENT_SECRET));
    }

    /** Starts Keycloak (once per JVM) and points the OIDC sign-in at it. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            KeycloakServer keycloak = keycloak();
            Map<String, String> config = new HashMap<>(productionSignInSettings());
            config.put("%test.quarkus.oidc.tenant-enabled", "true");
            config.put("%test.quarkus.oidc.auth-server-url", keycloak.realmUrl(REALM));
            config.put("%test.quarkus.oidc.client-id", CLIENT_ID);
            config.put("%test.quarkus.oidc.credentials.secret", CLIENT_SECRET);
            config.put("%test.quarkus.oidc.token-state-manager.encryption-secret", SESSION_SECRET);
            config.put("%test.quarkus.oidc.authentication.state-secret", SESSION_SECRET);
            config.put("%test.quarkus.http.test-port", String.valueOf(APP_PORT));
            return config;
        }

        @Override
        public void stop() {
            // Keycloak outlives the test class; a JVM shutdown hook stops it.
        }

        /** Every {@code %prod.} setting of the HTTP permissions and OIDC in application.properties, as {@code %test.}. */
        static Map<String, String> productionSignInSettings() {
            Properties properties = new Properties();
            try (InputStream in = KeycloakSignIn.class.getClassLoader().getResourceAsStream("application.properties")) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> settings = new HashMap<>();
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith("%prod.quarkus.http.auth.") || name.startsWith("%prod.quarkus.oidc.")) {
                    settings.put("%test." + name.substring("%prod.".length()), properties.getProperty(name));
                }
            }
            if (settings.isEmpty()) {
                throw new IllegalStateException("application.properties has no %prod sign-in settings");
            }
            return settings;
        }
    }
}
