package org.tanyapustaka.routing.signin;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start when the desk's OIDC sign-in is on (production) but its settings are missing: the identity
 * provider's URL, the client secret, or a session secret long enough to encrypt the session cookie. Without this,
 * quarkus-oidc would invent a random cookie key (sessions lost on every restart, different on every instance).
 */
@ApplicationScoped
public class DeskSignInSettings {

    static final int MINIMUM_SECRET_LENGTH = 32;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> serverUrl;

    @ConfigProperty(name = "quarkus.oidc.credentials.secret")
    Optional<String> clientSecret;

    @ConfigProperty(name = "quarkus.oidc.token-state-manager.encryption-secret")
    Optional<String> sessionSecret;

    void check(@Observes StartupEvent started) {
        if (!enabled) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (serverUrl.filter(url -> !url.isBlank()).isEmpty()) {
            problems.add("DESK_OIDC_SERVER_URL (the realm's issuer URL) is not set");
        }
        if (clientSecret.filter(secret -> !secret.isBlank()).isEmpty()) {
            problems.add("DESK_OIDC_CLIENT_SECRET (the desk client's secret in Keycloak) is not set");
        }
        String session = sessionSecret.orElse("");
        if (session.length() < MINIMUM_SECRET_LENGTH || session.chars().distinct().count() < 8) {
            problems.add("DESK_SESSION_SECRET (encrypts the desk's session cookie) must be a random string of at least "
                    + MINIMUM_SECRET_LENGTH + " characters");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The desk's staff sign-in is not configured: " + String.join("; ", problems));
        }
    }
}
