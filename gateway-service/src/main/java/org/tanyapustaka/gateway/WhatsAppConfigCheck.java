package org.tanyapustaka.gateway;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start with a blank WhatsApp secret: an empty app secret would make every forged webhook look
 * signed, and an empty token would fail every send; without the attachments secret the librarians' files could not
 * be fetched from routing-service.
 */
@ApplicationScoped
public class WhatsAppConfigCheck {

    void onStart(@Observes StartupEvent event, WhatsAppConfig config) {
        List<String> blank = new ArrayList<>();
        if (config.appSecret().isBlank()) {
            blank.add("WHATSAPP_APP_SECRET");
        }
        if (config.verifyToken().isBlank()) {
            blank.add("WHATSAPP_VERIFY_TOKEN");
        }
        if (config.accessToken().isBlank()) {
            blank.add("WHATSAPP_ACCESS_TOKEN");
        }
        if (config.phoneNumberId().isBlank()) {
            blank.add("WHATSAPP_PHONE_NUMBER_ID");
        }
        if (org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("tanya.attachments.secret", String.class).orElse("").isBlank()) {
            blank.add("TANYA_ATTACHMENTS_SECRET");
        }
        if (!blank.isEmpty()) {
            throw new IllegalStateException("The gateway needs these settings, which are blank: " + String.join(", ", blank));
        }
    }
}
