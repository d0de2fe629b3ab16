package org.tanyapustaka.routing.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tanyapustaka.routing.RoutingFixture.WAIT;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.publish;
import static org.tanyapustaka.routing.RoutingFixture.text;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The daily job deletes transcripts and conversations past their retention and keeps young ones. */
@QuarkusTest
@QuarkusTestResource(value = org.tanyapustaka.testsupport.TanyaTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "routing"))
class RetentionTest {

    @Inject
    EntityManager em;

    @Inject
    Retention retention;

    long count(String sql, String waId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter(1, waId)
                .getSingleResult()).longValue());
    }

    @Test
    void oldConversationsAndLinesGoYoungOnesStay() throws Exception {
        String old = patron();
        String young = patron();
        String oldLines = patron();
        publish(text(old, "Lama", "jam buka perpustakaan?"));
        publish(text(young, "Baru", "jam buka perpustakaan?"));
        publish(text(oldLines, "Setia", "jam buka perpustakaan?"));
        for (String waId : new String[] {old, young, oldLines}) {
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM transcript_entry WHERE wa_id = ?1", waId) >= 2);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            // The first patron last wrote 400 days ago; the third still writes, but their first lines are 400 days old.
            em.createNativeQuery("UPDATE conversation SET last_inbound_at = now() - interval '400 days', "
                    + "created_at = now() - interval '400 days' WHERE wa_id = ?1").setParameter(1, old).executeUpdate();
            em.createNativeQuery("UPDATE transcript_entry SET at = now() - interval '400 days' WHERE wa_id = ?1")
                    .setParameter(1, oldLines).executeUpdate();
        });
        publish(text(oldLines, "Setia", "terima kasih"));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM transcript_entry WHERE wa_id = ?1 "
                + "AND at > now() - interval '1 day'", oldLines) >= 1);

        var deleted = retention.run(Instant.now());

        assertThat(deleted.get("conversations")).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM conversation WHERE wa_id = ?1", old)).isZero();
        assertThat(count("SELECT count(*) FROM transcript_entry WHERE wa_id = ?1", old)).isZero();
        assertThat(count("SELECT count(*) FROM conversation WHERE wa_id = ?1", young)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM transcript_entry WHERE wa_id = ?1", young)).isGreaterThanOrEqualTo(2);
        assertThat(count("SELECT count(*) FROM conversation WHERE wa_id = ?1", oldLines)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM transcript_entry WHERE wa_id = ?1 AND at < now() - interval '365 days'",
                oldLines)).isZero();
        assertThat(count("SELECT count(*) FROM transcript_entry WHERE wa_id = ?1", oldLines)).isPositive();
    }
}
