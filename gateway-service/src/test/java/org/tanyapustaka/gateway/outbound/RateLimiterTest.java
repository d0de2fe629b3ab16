package org.tanyapustaka.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void slotsAreHandedOutAtTheConfiguredRate() {
        SendDispatcher.RateLimiter limiter = new SendDispatcher.RateLimiter(80);
        long first = limiter.reserve();
        long last = 0;
        for (int i = 1; i <= 160; i++) {
            last = limiter.reserve();
        }
        assertThat(first).isZero();
        // 160 more sends at 80 per second: the last one may only go about two seconds from now.
        assertThat(TimeUnit.NANOSECONDS.toMillis(last)).isBetween(1_900L, 2_000L);
    }
}
