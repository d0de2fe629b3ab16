package org.tanyapustaka.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.WhatsAppCloudStandIn.Scripted;

/**
 * Faults in the real system (packaged gateway and routing, real broker and database): nothing accepted is lost
 * and no patron gets the same reply twice.
 */
class FaultIT {

    static ServiceProcess gateway;
    static ServiceProcess routing;

    @BeforeAll
    static void startServices() throws Exception {
        TestInfrastructure.ensureStarted("gateway");
        TestInfrastructure.ensureStarted("routing");
        gateway = ServiceProcess.start("gateway-service", "gateway");
        routing = ServiceProcess.start("routing-service", "routing");
        gateway.awaitReady(Duration.ofSeconds(120));
        routing.awaitReady(Duration.ofSeconds(120));
        RoundTripIT.gateway = gateway;
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (routing != null) {
            routing.close();
        }
    }

    @Test
    void brokerDownMeansRetryLaterAndTheRetryIsAnsweredOnce() throws Exception {
        String waId = "6281377700101";
        byte[] halo = RoundTripIT.sample(waId, MetaWebhooks.newWamid(), "halo");
        TestInfrastructure.stopKafka();
        try {
            assertThat(RoundTripIT.post(halo)).isEqualTo(503);
        } finally {
            TestInfrastructure.startKafka();
        }
        // Meta retries the same delivery until it is accepted.
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> RoundTripIT.post(halo) == 200);
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> RoundTripIT.messagesTo(waId).stream().anyMatch(RoundTripIT::isMenu));
        RoundTripIT.sendFollowUpAndAwaitItsReply(waId);
        assertThat(RoundTripIT.messagesTo(waId).stream().filter(RoundTripIT::isMenu)).hasSize(1);
    }

    @Test
    void gatewayKilledWhileWhatsAppHoldsTheSendDoesNotSendItAgain() throws Exception {
        String waId = "6281377700102";
        // WhatsApp takes 5 s to answer this patron's next send: the gateway is killed meanwhile.
        TestInfrastructure.whatsapp().script(waId, Scripted.slowSuccess(Duration.ofSeconds(5)));
        assertThat(RoundTripIT.post(RoundTripIT.sample(waId, MetaWebhooks.newWamid(), "halo"))).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !TestInfrastructure.whatsapp().attemptsTo(waId).isEmpty());
        gateway.kill();

        gateway = ServiceProcess.start("gateway-service", "gateway").awaitReady(Duration.ofSeconds(120));
        RoundTripIT.gateway = gateway;
        RoundTripIT.sendFollowUpAndAwaitItsReply(waId);
        // The reply WhatsApp was holding went out once (WhatsApp accepted it); the restarted gateway did not repeat it.
        assertThat(TestInfrastructure.whatsapp().attemptsTo(waId)).hasSize(2);
        assertThat(RoundTripIT.messagesTo(waId).stream().filter(RoundTripIT::isMenu)).hasSize(1);
    }
}
