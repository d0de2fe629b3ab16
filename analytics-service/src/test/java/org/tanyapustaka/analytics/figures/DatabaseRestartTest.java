package org.tanyapustaka.analytics.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.analytics.EventScript;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.RestartableDatabaseResource;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * A PostgreSQL restart must not cost the figures anything: events consumed while the database is down are stored
 * once it is back, and none reaches a dead-letter topic.
 */
@QuarkusTest
@QuarkusTestResource(value = RestartableDatabaseResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "analytics"))
class DatabaseRestartTest {

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry metrics;

    long stored(List<PatronMessage> messages) {
        List<UUID> ids = messages.stream().map(PatronMessage::id).toList();
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM inbound_message_fact WHERE event_id IN (:ids)")
                .setParameter("ids", ids).getSingleResult()).longValue());
    }

    double retries() {
        return metrics.counter("analytics.store.retries").count();
    }

    @Test
    void eventsConsumedWhilePostgresRestartsAreCountedAndNoneIsDeadLettered() throws Exception {
        List<PatronMessage> before = new ArrayList<>();
        List<PatronMessage> during = new ArrayList<>();
        try (EventScript script = new EventScript(); TopicProbe deadLetters = new TopicProbe(Topics.deadLetter(Topics.WHATSAPP_INBOUND))) {
            before.add(script.message("6281355500001", "2021-07-01T09:00"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stored(before) == 1);

            RestartableDatabaseResource.stopDatabase();
            double retriesBefore = retries();
            for (int i = 0; i < 5; i++) {
                during.add(script.message("62813555001" + i, "2021-07-01T10:0" + i));
            }
            // The consumer met the stopped database and is trying again, holding the partition.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> retries() > retriesBefore);
            RestartableDatabaseResource.startDatabase();

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stored(during) == during.size());
            assertThat(deadLetters.seen()).noneMatch(r -> during.stream()
                    .anyMatch(m -> r.value() != null && r.value().contains(m.id().toString())));
        }
    }
}
