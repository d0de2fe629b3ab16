package org.tanyapustaka.routing.desk;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The development sign-in's session: the form mechanism's encrypted cookie names the user, and their roles are
 * read from the development accounts again on every request (an account removed from the configuration is out).
 */
@ApplicationScoped
public class DevSignInSession implements IdentityProvider<TrustedAuthenticationRequest> {

    @Inject
    DevSignIn signIn;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return signIn.identity(request.getPrincipal()).map(Uni.createFrom()::item)
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("No such account")));
    }
}
