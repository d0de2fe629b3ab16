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

    /** How the webhook treats badly signed deliveries. */
    Webhook webhook();

    interface Webhook {

        /** Bad signatures one client address may send at once before it is answered 429. */
        @WithDefault("20")
        int badSignatureBurst();

        /** One bad signature of an address's budget comes back after this long. */
        @WithDefault("3s")
        Duration badSignatureRefill();

        /** At most this many addresses are remembered. */
        @WithDefault("10000")
        int trackedSources();
    }

    /** How the gateway fetches patrons' attachments. */
    Media media();

    interface Media {

        /**
         * The only origins ({@code scheme://host[:port]}) a media URL may point at; the access token is sent to no
         * other. WhatsApp's media host in production; the stand-in's address in the local and test profiles.
         */
        @WithDefault("https://lookaside.fbsbx.com")
        java.util.List<String> downloadOrigins();

        /** Larger attachments are not stored (the message still arrives, its media marked unavailable). */
        @WithDefault("16M")
        io.quarkus.runtime.configuration.MemorySize maxSize();

        /** Download attempts before the media is marked unavailable. */
        @WithDefault("4")
        int attempts();

        /** Wait before the first retry; doubled each time. */
        @WithDefault("2s")
        Duration retryDelay();
    }

    /** How the gateway sends. */
    Send send();

    interface Send {

        /** The number's throughput: at most this many Graph API sends per second (Meta's default is 80). */
        @WithDefault("80")
        int ratePerSecond();

        /** The least time between two messages to one patron. */
        @WithDefault("250ms")
        Duration patronSpacing();

        /** Attempts per command before a retryable error becomes final. */
        @WithDefault("5")
        int maxAttempts();

        /** First retry delay; doubled each attempt, with jitter. */
        @WithDefault("1s")
        Duration backoffBase();

        @WithDefault("60s")
        Duration backoffMax();

        /** Pair rate limit (131056): wait 4^n times this. */
        @WithDefault("1s")
        Duration pairBackoffUnit();

        /** Graph API calls in flight at once. */
        @WithDefault("8")
        int workers();

        /** A send still marked in flight after this long is recorded as uncertain (its sender stopped). */
        @WithDefault("2m")
        Duration staleAfter();

        /**
         * An uncertain send (no answer from the Graph API) waits this long for a status webhook carrying its command
         * id (biz_opaque_callback_data): one comes - WhatsApp took it, it is sent; none comes - it is sent again.
         */
        @WithDefault("60s")
        Duration confirmWithin();
    }
}
