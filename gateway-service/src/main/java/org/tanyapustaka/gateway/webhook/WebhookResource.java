package org.tanyapustaka.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.AccountAlert;
import org.tanyapustaka.events.DeliveryStatus;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.gateway.WhatsAppConfig;
import org.tanyapustaka.gateway.media.MediaFetcher;

/**
 * The WhatsApp Cloud API webhook. A delivery is answered 200 only after Kafka acknowledged everything new in it;
 * if the broker (or the database) cannot be reached it is answered 503, so that Meta delivers it again. Each
 * message (by wamid) and status (by wamid and status) is published once, however many copies arrive,
 * concurrently or days apart ({@link WebhookReceipt}). An address that keeps sending badly signed deliveries is
 * answered 429 for a while ({@link BadSignatureThrottle}).
 */
@Path("/webhook")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    @Inject
    WhatsAppConfig config;

    @Inject
    InboundPublisher publisher;

    @Inject
    org.tanyapustaka.gateway.outbound.SendDispatcher dispatcher;

    @Inject
    MediaFetcher mediaFetcher;

    @Inject
    ObjectMapper json;

    @Inject
    WebhookReceipt receipts;

    @Inject
    PublishedReceipts published;

    @Inject
    MeterRegistry metrics;

    @Inject
    BadSignatureThrottle throttle;

    // Registered once: looking a counter up by name and tags on every webhook costs more than counting.
    private Counter received;
    private Counter duplicateMessages;
    private Counter duplicateStatuses;
    private Counter publishedMessages;
    private Counter publishedStatuses;
    private Counter unavailable;

    @PostConstruct
    void registerCounters() {
        received = metrics.counter("webhook.received");
        duplicateMessages = metrics.counter("webhook.duplicates", "kind", "message");
        duplicateStatuses = metrics.counter("webhook.duplicates", "kind", "status");
        publishedMessages = metrics.counter("webhook.messages");
        publishedStatuses = metrics.counter("webhook.statuses");
        unavailable = metrics.counter("webhook.unavailable");
    }

    /** Meta's subscription handshake: the bare challenge for the right verify token, 403 otherwise. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        boolean tokenMatches = token != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), config.verifyToken().getBytes(StandardCharsets.UTF_8));
        if ("subscribe".equals(mode) && tokenMatches && challenge != null) {
            return Response.ok(challenge).build();
        }
        return Response.status(Response.Status.FORBIDDEN).entity("verify token mismatch").build();
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response receive(@HeaderParam("X-Hub-Signature-256") String signature, @Context HttpServerRequest request,
            byte[] body) {
        received.increment();
        String source = request.remoteAddress() != null ? request.remoteAddress().hostAddress() : "unknown";
        Duration wait = throttle.waitFor(source);
        if (!wait.isZero()) {
            metrics.counter("webhook.rejected", "reason", "throttled").increment();
            return Response.status(Response.Status.TOO_MANY_REQUESTS)
                    .header("Retry-After", Math.max(1, (wait.toMillis() + 999) / 1000))
                    .entity("too many badly signed requests; try again later").build();
        }
        if (body == null || !WebhookSignature.isValid(config.appSecret(), body, signature)) {
            throttle.badSignature(source);
            return rejected(Response.Status.UNAUTHORIZED, "signature", "invalid signature");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return rejected(Response.Status.BAD_REQUEST, "not_json", "body is not JSON");
        }
        if (root == null || !WebhookPayload.isWhatsAppWebhook(root)) {
            metrics.counter("webhook.dead_lettered", "reason", "unexpected_shape").increment();
            LOG.warnf("Signed webhook of an unexpected shape kept on %s", Topics.WHATSAPP_WEBHOOK_DLQ);
            try {
                publisher.deadLetter(new String(body, StandardCharsets.UTF_8), "not a whatsapp_business_account webhook")
                        .await().atMost(config.publishTimeout());
                return Response.ok("EVENT_RECEIVED").build();
            } catch (RuntimeException failure) {
                return unavailable(failure);
            }
        }
        WebhookPayload payload = WebhookPayload.read(root, Instant.now());
        for (AccountAlert alert : payload.alerts()) {
            LOG.errorf("WhatsApp reports an account error for number %s: %d %s (%s)", alert.phoneNumberId(),
                    alert.code(), alert.title(), alert.details());
        }
        // Each item once, also when the same item appears twice in one webhook.
        Map<String, PatronMessage> messagesByKey = new LinkedHashMap<>();
        Map<String, DeliveryStatus> statusesByKey = new LinkedHashMap<>();
        for (PatronMessage message : payload.messages()) {
            if (messagesByKey.putIfAbsent(WebhookReceipt.ofMessage(message.wamid()), message) != null) {
                duplicateMessages.increment();
            }
        }
        for (DeliveryStatus status : payload.statuses()) {
            if (statusesByKey.putIfAbsent(WebhookReceipt.ofStatus(status.wamid(), status.status().name()), status) != null) {
                duplicateStatuses.increment();
            }
        }
        Set<String> taken = new HashSet<>();
        try {
            Map<String, String> patrons = new HashMap<>();
            messagesByKey.forEach((key, message) -> patrons.put(key, message.waId()));
            statusesByKey.forEach((key, status) -> patrons.put(key, status.waId()));
            firstCopies(messagesByKey.keySet(), statusesByKey.keySet(), patrons, taken);
            List<PatronMessage> messages = messagesByKey.entrySet().stream().filter(e -> taken.contains(e.getKey()))
                    .map(Map.Entry::getValue).toList();
            List<DeliveryStatus> statuses = statusesByKey.entrySet().stream().filter(e -> taken.contains(e.getKey()))
                    .map(Map.Entry::getValue).toList();
            // Messages with an attachment are kept and published once it is fetched; the others go out now.
            mediaFetcher.accept(messages.stream().filter(MediaFetcher::hasMedia).toList());
            publisher.publish(messages.stream().filter(m -> !MediaFetcher.hasMedia(m)).toList(), statuses,
                    payload.alerts()).await().atMost(config.publishTimeout());
            published.acknowledged(taken);
            confirmSends(payload);
            if (!payload.problems().isEmpty()) {
                metrics.counter("webhook.dead_lettered", "reason", "unreadable_item").increment(payload.problems().size());
                publisher.deadLetter(new String(body, StandardCharsets.UTF_8), String.join("; ", payload.problems()))
                        .await().atMost(config.publishTimeout());
            }
            publishedMessages.increment(messages.size());
            publishedStatuses.increment(statuses.size());
            return Response.ok("EVENT_RECEIVED").build();
        } catch (RuntimeException failure) {
            releaseQuietly(taken);
            return unavailable(failure);
        }
    }

    /** Statuses that name a send whose answer was lost settle it (never at the cost of the webhook). */
    private void confirmSends(WebhookPayload payload) {
        if (payload.confirmations().isEmpty()) {
            return;
        }
        try {
            dispatcher.confirmed(payload.confirmations());
        } catch (RuntimeException e) {
            LOG.warnf("Could not settle commands %s by their statuses: %s", payload.confirmations().keySet(), e.toString());
        }
    }

    private void releaseQuietly(Set<String> taken) {
        try {
            receipts.released(taken);
        } catch (RuntimeException e) {
            // Left PENDING, the receipts become stale and Meta's redelivery takes them over.
            LOG.warnf("Could not release %d webhook receipts: %s", taken.size(), e.toString());
        }
    }

    private Response unavailable(RuntimeException failure) {
        unavailable.increment();
        LOG.warnf("Webhook not accepted, Kafka or the database did not answer: %s", failure.toString());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity("try again later").build();
    }

    /**
     * Takes the receipts of the webhook's items, all in one statement (into {@code taken}: this request must publish
     * them); items already published are left out. An item another request is publishing right now (the same
     * webhook delivered twice at once) is waited for; one still PENDING after that - its publisher stopped mid-way,
     * e.g. a gateway killed - is not published here and not acknowledged either: the webhook is answered 503 and
     * Meta's next delivery takes the stale receipt over.
     */
    private void firstCopies(Set<String> messageKeys, Set<String> statusKeys, Map<String, String> patrons,
            Set<String> taken) {
        Set<String> open = new HashSet<>(messageKeys);
        open.addAll(statusKeys);
        long deadline = System.nanoTime() + config.publishTimeout().toNanos();
        while (!open.isEmpty()) {
            Set<String> now = receipts.take(open, patrons, config.publishTimeout().multipliedBy(3));
            taken.addAll(now);
            open.removeAll(now);
            if (open.isEmpty()) {
                return;
            }
            receipts.states(open).forEach((key, state) -> {
                if (state.equals("PUBLISHED")) {
                    open.remove(key);
                    (messageKeys.contains(key) ? duplicateMessages : duplicateStatuses).increment();
                }
            });
            if (open.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Another delivery of " + open + " is still being published (or its "
                        + "publisher stopped); Meta will deliver it again");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + open, e);
            }
        }
    }

    private Response rejected(Response.Status status, String reason, String message) {
        metrics.counter("webhook.rejected", "reason", reason).increment();
        return Response.status(status).entity(message).build();
    }
}
