package org.tanyapustaka.gateway.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tanyapustaka.gateway.WhatsAppConfig;

/**
 * Slows down a source (a client address) that keeps posting webhooks with a wrong signature: each address has a
 * budget of bad signatures ({@code whatsapp.webhook.bad-signature-burst}), of which one comes back every
 * {@code whatsapp.webhook.bad-signature-refill}; with the budget spent, its webhooks are answered 429 with
 * {@code Retry-After} before any signature work. Only bad signatures spend the budget, so Meta's deliveries -
 * bursts of hundreds from a few addresses, all correctly signed - are never slowed. The table of addresses is
 * bounded ({@code whatsapp.webhook.tracked-sources}): when full, the addresses whose budget is whole again are
 * forgotten, and a new address that still finds no room is not counted - memory stays bounded, and a flood from
 * countless addresses can never make the gateway refuse an address it has not seen fail.
 */
@ApplicationScoped
public class BadSignatureThrottle {

    @Inject
    WhatsAppConfig config;

    /** Spent budget of one address, as "time at which the budget is whole again" (nanoTime). */
    private final Map<String, Long> wholeAt = new ConcurrentHashMap<>();

    /** How long the source must wait before it may post again; zero when it may post now. */
    public Duration waitFor(String source) {
        Long whole = wholeAt.get(source);
        if (whole == null) {
            return Duration.ZERO;
        }
        long now = System.nanoTime();
        long refill = config.webhook().badSignatureRefill().toNanos();
        long spent = Math.max(0, whole - now);
        long allowedDebt = refill * (config.webhook().badSignatureBurst() - 1L);
        return spent > allowedDebt ? Duration.ofNanos(spent - allowedDebt) : Duration.ZERO;
    }

    /** Counts a bad signature from the source. */
    public void badSignature(String source) {
        long now = System.nanoTime();
        long refill = config.webhook().badSignatureRefill().toNanos();
        if (!wholeAt.containsKey(source) && wholeAt.size() >= config.webhook().trackedSources()) {
            wholeAt.values().removeIf(whole -> whole <= now);
            if (wholeAt.size() >= config.webhook().trackedSources()) {
                return;
            }
        }
        wholeAt.merge(source, now + refill, (whole, added) -> Math.max(whole, now) + refill);
    }
}
