package org.tanyapustaka.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tanyapustaka.localstack.bench.Bench;
import org.tanyapustaka.localstack.bench.BenchStack;
import org.tanyapustaka.localstack.bench.LoadGenerator;
import org.tanyapustaka.localstack.bench.RunResult;

/**
 * The fault drills of {@code ./tanya drill} at a small scale: 200 patron messages at 20 per second through the
 * packaged gateway and routing (each in its own JVM), a real broker and PostgreSQL, and the Graph API stand-in
 * that also reports sent/delivered/read, with one fault injected a few seconds in. Every message must be answered
 * exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillIT {

    static final int RATE = 20;
    static final int MESSAGES = 200;
    static BenchStack stack;
    static List<String> texts;

    @BeforeAll
    static void startStack() throws Exception {
        stack = new BenchStack(Path.of(".."), List.of("gateway-service", "routing-service"), true, "192m");
        texts = Bench.texts(Path.of("../data/indonesian/patron-questions-public.tsv"), true);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    static Bench.Drilled drill(String fault) throws Exception {
        Bench.Drilled drilled = Bench.drill(stack, fault, texts, RATE, MESSAGES, Duration.ofSeconds(3));
        RunResult result = drilled.result();
        System.out.println(RunResult.header());
        System.out.println(result.row());
        assertThat(result.sent()).isEqualTo(MESSAGES);
        assertThat(result.accepted()).as("webhooks finally acknowledged").isEqualTo(MESSAGES);
        assertThat(result.lost()).as("messages without a reply").isZero();
        assertThat(result.duplicates()).as("extra replies").isZero();
        return drilled;
    }

    @Test
    @Order(1)
    void killRoutingLosesNothing() throws Exception {
        drill("kill-routing");
    }

    @Test
    @Order(2)
    void killGatewayLosesNothing() throws Exception {
        Bench.Drilled drilled = drill("kill-gateway");
        // While it was down the webhooks failed and were delivered again, as Meta does.
        assertThat(drilled.result().retried()).isPositive();
    }

    @Test
    @Order(3)
    void brokerDownMeansRetryLaterNeverAnAcceptedLoss() throws Exception {
        Bench.Drilled drilled = drill("restart-broker");
        // Webhooks that arrived while the broker was down were refused (503) and retried: none was taken and lost.
        Instant downFrom = drilled.faultAt().plusSeconds(2);
        Instant downTo = drilled.faultEnd().minusSeconds(1);
        Map<Integer, Integer> answers = Bench.firstAnswers(drilled.deliveries(), downFrom, downTo);
        assertThat(answers).containsKey(503).doesNotContainKey(200);
    }

    @Test
    @Order(4)
    void restartDatabaseLosesNothing() throws Exception {
        drill("restart-db");
    }

    @Test
    @Order(0)
    void everyMessageOfTheSampleGetsExactlyOneReplyWithoutFaults() throws Exception {
        try (LoadGenerator load = new LoadGenerator(stack.gateway().orElseThrow().uri("/webhook"),
                BenchStack.APP_SECRET, BenchStack.PHONE_NUMBER_ID)) {
            List<LoadGenerator.Delivery> deliveries = load.prepare("6281390", texts, texts.size());
            load.retryUntil(Instant.now().plusSeconds(60));
            load.send(deliveries, RATE);
            LoadGenerator.awaitReplies(deliveries, stack.whatsapp(), Duration.ofSeconds(60));
            Thread.sleep(2_000);
            RunResult result = RunResult.of("sample", RATE, deliveries, stack.whatsapp(), null);
            assertThat(result.lost()).isZero();
            assertThat(result.duplicates()).isZero();
        }
    }
}
