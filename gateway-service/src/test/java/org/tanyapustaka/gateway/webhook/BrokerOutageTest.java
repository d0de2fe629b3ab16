package org.tanyapustaka.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.gateway.SignedWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class BrokerOutageTest {

    @Test
    void webhookIsAnswered503WhileTheBrokerIsDownAndAcceptedAgainAfterwards() throws Exception {
        String waId = "62814" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String wamid = MetaWebhooks.newWamid();
        byte[] body = SignedWebhooks.bytes(SignedWebhooks.textMessage(waId, wamid, "halo, ada orang?"));
        String signature = MetaWebhooks.sign(TestInfrastructure.APP_SECRET, body);

        TestInfrastructure.stopKafka();
        try {
            assertThat(SignedWebhooks.post(body, signature)).isEqualTo(503);
        } finally {
            TestInfrastructure.startKafka();
        }
        // Meta retries; once the broker is back the same delivery is accepted and published.
        try (TopicProbe inbound = new TopicProbe(Topics.WHATSAPP_INBOUND)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> SignedWebhooks.post(body, signature) == 200);
            assertThat(inbound.await(r -> r.value().contains(wamid), Duration.ofSeconds(30)).key()).isEqualTo(waId);
        }
    }
}
