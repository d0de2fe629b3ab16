package org.tanyapustaka.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void slotsAreHandedOutAtTheConfiguredRate() {
        SendDispatcher.RateLimiter limiter = new SendDispatcher.RateLimiter(80);
        long started = System.nanoTime();
        long first = limiter.reserve();
        long last = 0;
        for (int i = 1; i <= 160; i++) {
            last = limiter.reserve();
        }
        long elapsed = System.nanoTime() - started;
        assertThat(first).isZero();
        // 160 more sends at 80 per second: the last slot is two seconds after the first, less the time the loop took.
        assertThat(last).isBetween(TimeUnit.SECONDS.toNanos(2) - elapsed, TimeUnit.SECONDS.toNanos(2));
    }
}
