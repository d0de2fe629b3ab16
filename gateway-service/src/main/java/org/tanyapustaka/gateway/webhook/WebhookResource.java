package org.tanyapustaka.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * concurrently or days apart ({@link WebhookReceipt}).
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
    MeterRegistry metrics;

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
    public Response receive(@HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        metrics.counter("webhook.received").increment();
        if (body == null || !WebhookSignature.isValid(config.appSecret(), body, signature)) {
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
        List<String> taken = new ArrayList<>();
        try {
            List<PatronMessage> messages = payload.messages().stream()
                    .filter(m -> firstCopy(WebhookReceipt.ofMessage(m.wamid()), "message", taken)).toList();
            List<DeliveryStatus> statuses = payload.statuses().stream()
                    .filter(s -> firstCopy(WebhookReceipt.ofStatus(s.wamid(), s.status().name()), "status", taken))
                    .toList();
            // Messages with an attachment are kept and published once it is fetched; the others go out now.
            mediaFetcher.accept(messages.stream().filter(MediaFetcher::hasMedia).toList());
            publisher.publish(messages.stream().filter(m -> !MediaFetcher.hasMedia(m)).toList(), statuses,
                    payload.alerts()).await().atMost(config.publishTimeout());
            WebhookReceipt.published(taken);
            confirmSends(payload);
            if (!payload.problems().isEmpty()) {
                metrics.counter("webhook.dead_lettered", "reason", "unreadable_item").increment(payload.problems().size());
                publisher.deadLetter(new String(body, StandardCharsets.UTF_8), String.join("; ", payload.problems()))
                        .await().atMost(config.publishTimeout());
            }
            metrics.counter("webhook.messages").increment(messages.size());
            metrics.counter("webhook.statuses").increment(statuses.size());
            return Response.ok("EVENT_RECEIVED").build();
        } catch (RuntimeException failure) {
            releaseQuietly(taken);
            return unavailable(failure);
        }
    }

    /** Statuses that name a send whose answer was lost settle it (never at the cost of the webhook). */
    private void confirmSends(WebhookPayload payload) {
        payload.confirmations().forEach((command, wamid) -> {
            try {
                dispatcher.confirmed(command, wamid);
            } catch (RuntimeException e) {
                LOG.warnf("Could not settle command %s by its status: %s", command, e.toString());
            }
        });
    }

    private void releaseQuietly(List<String> taken) {
        try {
            WebhookReceipt.released(taken);
        } catch (RuntimeException e) {
            // Left PENDING, the receipts become stale and Meta's redelivery takes them over.
            LOG.warnf("Could not release %d webhook receipts: %s", taken.size(), e.toString());
        }
    }

    private Response unavailable(RuntimeException failure) {
        metrics.counter("webhook.unavailable").increment();
        LOG.warnf("Webhook not accepted, Kafka or the database did not answer: %s", failure.toString());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity("try again later").build();
    }

    /**
     * True when this request holds the item's receipt and must publish it; false for an item already published. An
     * item another request is publishing right now (the same webhook delivered twice at once) is waited for; one
     * still PENDING after that - its publisher stopped mid-way, e.g. a gateway killed - is not published here and not
     * acknowledged either: the webhook is answered 503 and Meta's next delivery takes the stale receipt over.
     */
    private boolean firstCopy(String key, String kind, List<String> taken) {
        long deadline = System.nanoTime() + config.publishTimeout().toNanos();
        while (true) {
            if (WebhookReceipt.take(key, config.publishTimeout().multipliedBy(3))) {
                taken.add(key);
                return true;
            }
            java.util.Optional<String> state = WebhookReceipt.state(key);
            if (state.isPresent() && state.get().equals("PUBLISHED")) {
                metrics.counter("webhook.duplicates", "kind", kind).increment();
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Another delivery of " + key + " is still being published (or its "
                        + "publisher stopped); Meta will deliver it again");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + key, e);
            }
        }
    }

    private Response rejected(Response.Status status, String reason, String message) {
        metrics.counter("webhook.rejected", "reason", reason).increment();
        return Response.status(status).entity(message).build();
    }
}
