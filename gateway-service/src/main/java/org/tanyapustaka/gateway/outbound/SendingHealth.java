package org.tanyapustaka.gateway.outbound;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Sending on {@code /q/health}: DOWN while WhatsApp refuses the access token (190). A wellness check, not a
 * readiness check: the gateway must keep accepting webhooks while an administrator replaces the token.
 */
@Wellness
@ApplicationScoped
public class SendingHealth implements HealthCheck {

    @Inject
    SendResults results;

    @Override
    public HealthCheckResponse call() {
        String problem = results.tokenProblem();
        return HealthCheckResponse.named("whatsapp-sending")
                .status(problem == null)
                .withData("detail", problem == null ? "sending works" : "access token refused (190): " + problem)
                .build();
    }
}
