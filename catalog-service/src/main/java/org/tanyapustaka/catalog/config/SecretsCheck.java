package org.tanyapustaka.catalog.config;

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
 * Refuses to start without catalog-service's secrets, or in production with a published one
 * ({@link ProductionSecrets}): the database password.
 */
@ApplicationScoped
public class SecretsCheck {

    static final Map<String, String> SECRETS = Map.of(
            "DB_PASSWORD", "quarkus.datasource.password");

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        ProductionSecrets.check("catalog-service", config.getProfiles(),
                property -> config.getConfigValue(property).getValue(), SECRETS);
    }
}
