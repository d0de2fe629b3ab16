package org.tanyapustaka.routing.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tanyapustaka.routing.RoutingFixture.JSON;
import static org.tanyapustaka.routing.RoutingFixture.WAIT;
import static org.tanyapustaka.routing.RoutingFixture.clickWhenReady;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.publish;
import static org.tanyapustaka.routing.RoutingFixture.signedInAt;
import static org.tanyapustaka.routing.RoutingFixture.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.routing.RoutingFixture;
import org.tanyapustaka.testsupport.HeadlessChromium;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * With an approved re-opening template configured, a conversation whose 24-hour window has closed offers the
 * template instead of the reply box; asking for it twice sends it once (one template per closed window).
 */
@QuarkusTest
@TestProfile(DeskReopenTemplateTest.WithTemplate.class)
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class DeskReopenTemplateTest {

    public static class WithTemplate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("routing.handover.reopen-template", "sambung_lagi_pustakawan");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    EntityManager em;

    /** Nobody online: the patron's request waits for Sari to claim it. */
    @BeforeEach
    void quietDesk() {
        RoutingFixture.quietDesk(em);
    }

    @Test
    void aClosedWindowOffersTheTemplateOnce() throws Exception {
        String waId = patron();
        try (HeadlessChromium sari = HeadlessChromium.start(1280, 900);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            PatronMessage ask = text(waId, "Yusuf", "saya mau ngobrol sama pustakawan");
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                    "SELECT 1 FROM handover WHERE id = ?1").setParameter(1, handover).getResultList().isEmpty()));
            String page = base.toString().replaceAll("/$", "") + "/desk/c/" + handover;
            signedInAt(sari, base.toString(), "/desk/c/" + handover, "sari");
            clickWhenReady(sari, "#claim");
            sari.await("document.getElementById('composer').hidden", v -> !v.asBoolean(), WAIT);

            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE conversation SET last_inbound_at = now() - interval '25 hours' WHERE wa_id = ?1")
                    .setParameter(1, waId).executeUpdate());
            sari.navigate(page);
            sari.await("!!document.getElementById('reopen')", JsonNode::asBoolean, WAIT);
            assertThat(sari.eval("document.getElementById('composer').hidden").asBoolean()).isTrue();
            sari.screenshot(Path.of("target", "desk-reopen-template.png"));
            clickWhenReady(sari, "#reopen");
            // The template goes out as the librarian's, with the librarian's name as its parameter.
            JsonNode template = JSON.readTree(outbound.await(r -> waId.equals(r.key())
                    && r.value().contains("sambung_lagi_pustakawan"), WAIT).value());
            assertThat(template.path("kind").asText()).isEqualTo("template");
            assertThat(template.toString()).contains("Sari");
            clickWhenReady(sari, "#reopen");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> outbound.seen().stream()
                    .filter(r -> waId.equals(r.key()) && r.value().contains("sambung_lagi_pustakawan")).count() == 1);
        }
    }
}
