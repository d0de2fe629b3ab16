package org.tanyapustaka.routing.config;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.tanyapustaka.events.ProductionSecrets;

/**
 * Refuses to start without routing-service's secrets, or in production with a published one
 * ({@link ProductionSecrets}): the attachments secret it signs librarians' file requests with, and the database
 * password.
 */
@ApplicationScoped
public class SecretsCheck {

    static final Map<String, String> SECRETS = Map.of(
            "TANYA_ATTACHMENTS_SECRET", "tanya.attachments.secret",
            "DB_PASSWORD", "quarkus.datasource.password");

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        ProductionSecrets.check("routing-service", config.getProfiles(),
                property -> config.getConfigValue(property).getValue(), SECRETS);
    }
}
