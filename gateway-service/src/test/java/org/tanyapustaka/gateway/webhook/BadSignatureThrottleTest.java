package org.tanyapustaka.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.gateway.SignedWebhooks.bytes;
import static org.tanyapustaka.gateway.SignedWebhooks.patron;
import static org.tanyapustaka.gateway.SignedWebhooks.textMessage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;

/**
 * A source that keeps sending badly signed webhooks is slowed down; Meta, which sends bursts of correctly signed
 * ones from a few addresses, never is. The client address comes through the trusted proxy's X-Forwarded-For.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class BadSignatureThrottleTest {

    /** whatsapp.webhook.bad-signature-burst */
    static final int BURST = 20;

    static Response post(String source, byte[] body, String signature) {
        return given().header("X-Forwarded-For", source).contentType("application/json").body(body)
                .header(MetaWebhooks.SIGNATURE_HEADER, signature).post("/webhook");
    }

    static String address() {
        return "203.0.113." + (1 + (int) (Math.random() * 250));
    }

    @Test
    void sourceThatKeepsSendingBadSignaturesIsAnswered429WithRetryAfter() {
        String attacker = address();
        String meta = "2a03:2880:f01c::" + Integer.toHexString((int) (Math.random() * 0xffff));
        byte[] forged = bytes(textMessage(patron("62851"), MetaWebhooks.newWamid(), "café ".repeat(2000)));
        for (int i = 0; i < BURST; i++) {
            assertThat(post(attacker, forged, MetaWebhooks.sign("guessed-secret", forged)).statusCode()).isEqualTo(401);
        }
        Response throttled = post(attacker, forged, MetaWebhooks.sign("guessed-secret", forged));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);

        // Another address, at the same time, is not slowed by the attacker's budget.
        byte[] genuine = bytes(textMessage(patron("62852"), MetaWebhooks.newWamid(), "halo kak"));
        assertThat(post(meta, genuine, MetaWebhooks.sign(TestInfrastructure.APP_SECRET, genuine)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void burstOfCorrectlySignedDeliveriesFromOneAddressIsNeverThrottled() {
        String meta = "2a03:2880:f02d::" + Integer.toHexString((int) (Math.random() * 0xffff));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < BURST * 2; i++) {
            byte[] body = bytes(textMessage(patron("62853"), MetaWebhooks.newWamid(), "pesan ke-" + i + " ✓"));
            statuses.add(post(meta, body, MetaWebhooks.sign(TestInfrastructure.APP_SECRET, body)).statusCode());
        }
        // Redeliveries of the same webhook (Meta retries) are correctly signed too.
        byte[] again = bytes(textMessage(patron("62854"), MetaWebhooks.newWamid(), "halo lagi"));
        for (int i = 0; i < BURST; i++) {
            statuses.add(post(meta, again, MetaWebhooks.sign(TestInfrastructure.APP_SECRET, again)).statusCode());
        }
        assertThat(statuses).containsOnly(200);
    }
}
