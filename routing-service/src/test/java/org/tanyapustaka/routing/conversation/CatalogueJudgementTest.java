package org.tanyapustaka.routing.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.routing.RoutingFixture.JSON;
import static org.tanyapustaka.routing.RoutingFixture.WAIT;
import static org.tanyapustaka.routing.RoutingFixture.count;
import static org.tanyapustaka.routing.RoutingFixture.drained;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.publish;
import static org.tanyapustaka.routing.RoutingFixture.publishJson;
import static org.tanyapustaka.routing.RoutingFixture.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.CatalogJudgement;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * Messages the bot does not understand go to the catalogue to judge, through the real broker and database. The test
 * plays catalog-service on {@code catalog.judgements} (catalog's own side is {@code CatalogJudgeTest} there): a
 * strong match is answered as a search, anything else as "not understood"; without a judgement the patron gets
 * "not understood" after the bounded wait ({@code %test.routing.catalogue-judge.wait=2s}), and a late judgement
 * sends nothing more.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class CatalogueJudgementTest {

    static final Duration JUDGE_WAIT = Duration.ofSeconds(2);

    static UUID requestId(PatronMessage message) {
        return EventIds.derive(message.id(), "catalog-judge");
    }

    static JsonNode requestFor(TopicProbe requests, PatronMessage message) throws Exception {
        String id = requestId(message).toString();
        return JSON.readTree(requests.await(r -> r.value().contains(id), WAIT).value());
    }

    static void judge(PatronMessage message, boolean strong, String answer) throws Exception {
        UUID request = requestId(message);
        CatalogJudgement judgement = new CatalogJudgement(EventIds.derive(request, "judgement"), request,
                message.waId(), null, strong, List.of("fotosintesis"), strong ? 2 : 0, answer);
        publishJson(Topics.CATALOG_JUDGEMENTS, message.waId(), judgement, judgement.id());
    }

    static JsonNode replyTo(TopicProbe outbound, PatronMessage message) throws Exception {
        String id = ConversationFlow.replyId(message).toString();
        return JSON.readTree(outbound.await(r -> r.value().contains(id), WAIT).value());
    }

    static long repliesTo(TopicProbe outbound, PatronMessage message) {
        String id = ConversationFlow.replyId(message).toString();
        return outbound.seen().stream().filter(r -> r.value().contains("\"commandId\":\"" + id + "\"")).count();
    }

    @Test
    void aBareTitleTheCatalogueMatchesGetsTheSearchAnswerAndItsListPages() throws Exception {
        String waId = patron();
        PatronMessage title = text(waId, "Rina", "fotosintesis");
        PatronMessage second = text(waId, "Rina", "2");
        try (TopicProbe requests = new TopicProbe(Topics.CATALOG_JUDGE_REQUESTS);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe queries = new TopicProbe(Topics.CATALOG_QUERIES);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            publish(title);
            JsonNode request = requestFor(requests, title);
            assertThat(request.path("text").asText()).isEqualTo("fotosintesis");
            assertThat(request.path("waId").asText()).isEqualTo(waId);
            assertThat(request.path("language").asText()).isEqualTo("id");
            assertThat(request.path("causationId").asText()).isEqualTo(title.id().toString());

            String answer = "Mungkin ini yang Anda cari:\nHasil pencarian *fotosintesis* (2 judul)\n\n1. *Fisiologi "
                    + "Tumbuhan*\n   Salisbury · 1995 · 581.1 SAL f\n   3 dari 3 eksemplar tersedia · Lantai 2";
            judge(title, true, answer);
            JsonNode reply = replyTo(outbound, title);
            assertThat(reply.path("body").asText()).isEqualTo(answer);
            assertThat(reply.path("origin").asText()).isEqualTo("catalog");
            JsonNode event = JSON.readTree(events.await(r -> r.value().contains(
                    EventIds.derive(title.id(), "intent").toString()), WAIT).value());
            assertThat(event.path("intent").asText()).isEqualTo("catalog_search");

            // The answer's list is the one numbers refer to, as after any search.
            publish(second);
            JsonNode query = JSON.readTree(queries.await(r -> r.value().contains(
                    EventIds.derive(second.id(), "catalog-query").toString()), WAIT).value());
            assertThat(query.path("previousQueryId").asText()).isEqualTo(requestId(title).toString());
            assertThat(query.path("text").asText()).isEqualTo("2");
        }
    }

    @Test
    void noStrongMatchIsNotUnderstoodAndTwiceGoesToALibrarian() throws Exception {
        String waId = patron();
        PatronMessage first = text(waId, "Gita", "asdfghjkl");
        PatronMessage again = text(waId, "Gita", "hmm gimana ya");
        try (TopicProbe requests = new TopicProbe(Topics.CATALOG_JUDGE_REQUESTS);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND);
                TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            publish(first);
            requestFor(requests, first);
            judge(first, false, null);
            assertThat(replyTo(outbound, first).path("body").asText()).startsWith("Maaf, saya belum memahami");

            publish(again);
            requestFor(requests, again);
            judge(again, false, null);
            JsonNode handover = JSON.readTree(events.await(r -> r.value().contains(
                    EventIds.derive(again.id(), "handover").toString()) && r.value().contains("handover_requested"),
                    WAIT).value());
            assertThat(handover.path("reason").asText()).isEqualTo("not_understood");
        }
    }

    @Test
    void withoutTheCatalogueThePatronIsNotUnderstoodAfterTheBoundedWaitAndALateAnswerSendsNothingMore()
            throws Exception {
        String waId = patron();
        PatronMessage title = text(waId, "Dimas", "atomic habits james clear");
        try (TopicProbe requests = new TopicProbe(Topics.CATALOG_JUDGE_REQUESTS);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            long published = System.nanoTime();
            publish(title);
            requestFor(requests, title);
            JsonNode reply = replyTo(outbound, title); // nobody judges: catalog-service is down
            Duration waited = Duration.ofNanos(System.nanoTime() - published);
            assertThat(reply.path("body").asText()).startsWith("Maaf, saya belum memahami");
            assertThat(waited).isGreaterThanOrEqualTo(JUDGE_WAIT);

            judge(title, true, "Mungkin ini yang Anda cari: *Atomic Habits*"); // the catalogue is back, too late
            judge(title, true, "Mungkin ini yang Anda cari: *Atomic Habits*"); // and its judgement redelivered
            PatronMessage next = text(waId, "Dimas", "jam buka perpus kapan?");
            publish(next);
            replyTo(outbound, next);
            drained(outbound, waId);
            assertThat(repliesTo(outbound, title)).isEqualTo(1);
            assertThat(count(outbound, waId, body -> body.startsWith("Mungkin ini"))).isZero();
        }
    }

    @Test
    void spamAndClearRequestsNeverGoToTheCatalogueToJudge() throws Exception {
        String waId = patron();
        PatronMessage spam = text(waId, "X", "SELAMAT nomor anda dapat hadiah pulsa, klik link bit.ly/xyz");
        PatronMessage hours = text(waId, "X", "perpus buka jam berapa ya kak?");
        try (TopicProbe requests = new TopicProbe(Topics.CATALOG_JUDGE_REQUESTS);
                TopicProbe outbound = new TopicProbe(Topics.WHATSAPP_OUTBOUND)) {
            publish(spam);
            publish(hours);
            assertThat(replyTo(outbound, hours).path("body").asText()).containsIgnoringCase("senin");
            // Whatever routing asked the catalogue for this patron was published before that reply.
            UUID marker = UUID.randomUUID();
            publishJson(Topics.CATALOG_JUDGE_REQUESTS, waId, java.util.Map.of("id", marker.toString()), marker);
            requests.await(r -> r.value().contains(marker.toString()), WAIT);
            assertThat(requests.seen()).noneMatch(r -> r.value().contains(requestId(spam).toString())
                    || r.value().contains(requestId(hours).toString()));
            drained(outbound, waId);
            assertThat(repliesTo(outbound, spam)).isZero();
        }
    }
}
