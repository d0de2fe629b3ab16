package org.tanyapustaka.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The library's WhatsApp Cloud API settings. Each can be set by environment variable: {@code WHATSAPP_APP_SECRET},
 * {@code WHATSAPP_VERIFY_TOKEN}, {@code WHATSAPP_ACCESS_TOKEN}, {@code WHATSAPP_PHONE_NUMBER_ID},
 * {@code WHATSAPP_API_BASE_URL}, {@code WHATSAPP_API_VERSION}.
 */
@ConfigMapping(prefix = "whatsapp")
public interface WhatsAppConfig {

    /** Meta app secret: the key of {@code X-Hub-Signature-256}. */
    String appSecret();

    /** Answered in the {@code GET /webhook} handshake. */
    String verifyToken();

    /** Bearer token for the Graph API. */
    String accessToken();

    /** The library's sending number. */
    String phoneNumberId();

    /** {@code https://graph.facebook.com} in production. */
    @WithDefault("https://graph.facebook.com")
    String apiBaseUrl();

    @WithDefault("v23.0")
    String apiVersion();

    /** How long a webhook waits for Kafka to acknowledge its records before answering 503. */
    @WithDefault("10s")
    Duration publishTimeout();
}
