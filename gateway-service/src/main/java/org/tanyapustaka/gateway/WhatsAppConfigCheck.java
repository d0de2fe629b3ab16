package org.tanyapustaka.gateway;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.tanyapustaka.events.ProductionSecrets;

/**
 * Refuses to start without the gateway's secrets, or in production with a published one (the sandbox's, a
 * default database password): an empty or known app secret would make every forged webhook look signed, a known
 * access token is somebody else's, and without the attachments secret the librarians' files could not be fetched
 * from routing-service. {@link ProductionSecrets} has the rule; the phone number id must merely be set.
 */
@ApplicationScoped
public class WhatsAppConfigCheck {

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, WhatsAppConfig config) {
        if (config.phoneNumberId().isBlank()) {
            throw new IllegalStateException("The gateway needs WHATSAPP_PHONE_NUMBER_ID, which is blank");
        }
        SmallRyeConfig all = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("WHATSAPP_APP_SECRET", config.appSecret());
        secrets.put("WHATSAPP_VERIFY_TOKEN", config.verifyToken());
        secrets.put("WHATSAPP_ACCESS_TOKEN", config.accessToken());
        secrets.put("TANYA_ATTACHMENTS_SECRET", value(all, "tanya.attachments.secret"));
        secrets.put("DB_PASSWORD", value(all, "quarkus.datasource.password"));
        ProductionSecrets.check("gateway-service", all.getProfiles(), secrets);
    }

    private static String value(SmallRyeConfig config, String name) {
        ConfigValue value = config.getConfigValue(name);
        return value == null ? null : value.getValue();
    }
}
