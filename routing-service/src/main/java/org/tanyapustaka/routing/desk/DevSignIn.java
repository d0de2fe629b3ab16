package org.tanyapustaka.routing.desk;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The development sign-in of the desk pages: accounts from configuration, checked by Quarkus's form
 * authentication (an encrypted session cookie). It exists for {@code ./tanya up} (profile {@code local}) and the
 * tests; production signs in through the library's identity provider, and routing refuses to start in production
 * with this sign-in switched on.
 */
@ApplicationScoped
public class DevSignIn implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Profiles in which the development sign-in may be on. */
    static final Set<String> ALLOWED_PROFILES = Set.of("local", "dev", "test");

    @ConfigMapping(prefix = "routing.desk.dev-sign-in")
    public interface Config {
        @WithDefault("false")
        boolean enabled();

        /** username → password and roles. */
        Map<String, Account> accounts();

        interface Account {
            String password();

            List<String> roles();
        }
    }

    @Inject
    Config config;

    void refuseInProduction(@Observes StartupEvent start) {
        check(config.enabled(), ConfigUtils.getProfiles());
    }

    static void check(boolean enabled, List<String> profiles) {
        if (enabled && profiles.stream().noneMatch(ALLOWED_PROFILES::contains)) {
            throw new IllegalStateException("The development sign-in of the desk (routing.desk.dev-sign-in.enabled) "
                    + "is on in profile " + profiles + ". It is for ./tanya up and tests only (profiles local, dev, "
                    + "test): switch it off and sign librarians in through the library's identity provider.");
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        Config.Account account = config.enabled() ? config.accounts().get(request.getUsername()) : null;
        byte[] given = new String(request.getPassword().getPassword()).getBytes(StandardCharsets.UTF_8);
        byte[] expected = (account == null ? "\u0000no account" : account.password()).getBytes(StandardCharsets.UTF_8);
        if (account == null | !MessageDigest.isEqual(given, expected)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Unknown user or wrong password"));
        }
        return Uni.createFrom().item(identity(request.getUsername()).orElseThrow());
    }

    /** The signed-in account's identity, while the development sign-in is on and the account exists. */
    Optional<SecurityIdentity> identity(String username) {
        Config.Account account = config.enabled() ? config.accounts().get(username) : null;
        if (account == null) {
            return Optional.empty();
        }
        return Optional.of(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRoles(Set.copyOf(account.roles()))
                .build());
    }
}
