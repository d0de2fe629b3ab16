package org.tanyapustaka.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.TanyaTestResource;

/** Receipts taken by many requests at once, several of them in one statement, against the real database. */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class WebhookReceiptTest {

    private static final Duration STALE_AFTER = Duration.ofSeconds(30);

    @Inject
    WebhookReceipt receipts;

    @Test
    void everyKeyIsTakenByExactlyOneOfManyConcurrentRequestsAndByNoneAfterThem() throws Exception {
        String run = UUID.randomUUID().toString();
        int requests = 64;
        // Each request has keys of its own and a key shared with its neighbour; every eighth also one shared by all.
        List<Set<String>> asked = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Set<String> keys = new java.util.TreeSet<>(Set.of(
                    WebhookReceipt.ofMessage(run + "-own-" + i),
                    WebhookReceipt.ofStatus(run + "-own-" + i, "SENT"),
                    WebhookReceipt.ofMessage(run + "-pair-" + (i / 2))));
            if (i % 8 == 0) {
                keys.add(WebhookReceipt.ofMessage(run + "-all"));
            }
            asked.add(keys);
        }
        List<Set<String>> taken = takeAllAtOnce(asked);

        Map<String, Integer> takers = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            assertThat(asked.get(i)).containsAll(taken.get(i));
            assertThat(taken.get(i)).contains(WebhookReceipt.ofMessage(run + "-own-" + i),
                    WebhookReceipt.ofStatus(run + "-own-" + i, "SENT"));
            taken.get(i).forEach(key -> takers.merge(key, 1, Integer::sum));
        }
        Set<String> everyKey = new java.util.HashSet<>();
        asked.forEach(everyKey::addAll);
        assertThat(takers.keySet()).isEqualTo(everyKey);
        assertThat(takers.values()).containsOnly(1);
        assertThat(receipts.states(everyKey).values()).hasSize(everyKey.size()).containsOnly("PENDING");

        // Taken and not stale: nobody takes them again, neither alone nor together.
        assertThat(takeAllAtOnce(asked)).allSatisfy(again -> assertThat(again).isEmpty());
        receipts.published(everyKey);
        assertThat(receipts.take(everyKey, Map.of(), Duration.ZERO)).isEmpty();
    }

    @Test
    void aStaleReceiptIsTakenOverAndAFreshOneIsNot() throws Exception {
        String key = WebhookReceipt.ofMessage(UUID.randomUUID().toString());
        assertThat(receipts.take(Set.of(key), Map.of(), STALE_AFTER)).containsExactly(key);
        assertThat(receipts.take(Set.of(key), Map.of(), STALE_AFTER)).isEmpty();
        // Stale after no time at all: taken before this statement's transaction began, so taken over now.
        assertThat(receipts.take(Set.of(key), Map.of(), Duration.ZERO)).containsExactly(key);
    }

    private List<Set<String>> takeAllAtOnce(List<Set<String>> asked) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(asked.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Set<String>>> answers = new ArrayList<>();
            for (Set<String> keys : asked) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return receipts.take(keys, Map.of(), STALE_AFTER);
                }, pool));
            }
            start.countDown();
            List<Set<String>> taken = new ArrayList<>();
            for (CompletableFuture<Set<String>> answer : answers) {
                taken.add(answer.get());
            }
            return taken;
        } finally {
            pool.shutdownNow();
        }
    }
}
