package org.tanyapustaka.gateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.gateway.WhatsAppConfig;

/**
 * The WhatsApp Cloud API webhook. A delivery is answered 200 only after Kafka acknowledged everything in it;
 * if the broker cannot be reached it is answered 503, so that Meta delivers it again.
 */
@Path("/webhook")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    @Inject
    WhatsAppConfig config;

    @Inject
    InboundPublisher publisher;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    /** Meta's subscription handshake: the bare challenge for the right verify token, 403 otherwise. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        boolean tokenMatches = token != null && java.security.MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), config.verifyToken().getBytes(StandardCharsets.UTF_8));
        if ("subscribe".equals(mode) && tokenMatches && challenge != null) {
            return Response.ok(challenge).build();
        }
        return Response.status(Response.Status.FORBIDDEN).entity("verify token mismatch").build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Response> receive(@HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        if (body == null || !WebhookSignature.isValid(config.appSecret(), body, signature)) {
            metrics.counter("webhook.rejected", "reason", "signature").increment();
            return Uni.createFrom().item(Response.status(Response.Status.UNAUTHORIZED).entity("invalid signature").build());
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            metrics.counter("webhook.rejected", "reason", "not_json").increment();
            return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST).entity("body is not JSON").build());
        } catch (java.io.IOException e) {
            return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST).entity("unreadable body").build());
        }
        Uni<Void> published;
        if (!WebhookPayload.isWhatsAppWebhook(root)) {
            metrics.counter("webhook.dead_lettered", "reason", "unexpected_shape").increment();
            LOG.warnf("Signed webhook of an unexpected shape kept on %s", Topics.WHATSAPP_WEBHOOK_DLQ);
            published = publisher.deadLetter(new String(body, StandardCharsets.UTF_8), "not a whatsapp_business_account webhook");
        } else {
            WebhookPayload payload = WebhookPayload.read(root, Instant.now());
            published = publisher.publish(payload);
            if (!payload.problems().isEmpty()) {
                metrics.counter("webhook.dead_lettered", "reason", "unreadable_item").increment(payload.problems().size());
                published = published.chain(() -> publisher.deadLetter(new String(body, StandardCharsets.UTF_8),
                        String.join("; ", payload.problems())));
            }
            metrics.counter("webhook.messages").increment(payload.messages().size());
            metrics.counter("webhook.statuses").increment(payload.statuses().size());
        }
        return published
                .ifNoItem().after(config.publishTimeout()).fail()
                .onItem().transform(done -> Response.ok("EVENT_RECEIVED").build())
                .onFailure().recoverWithItem(failure -> {
                    metrics.counter("webhook.unavailable").increment();
                    LOG.warnf("Webhook not accepted, Kafka did not acknowledge: %s", failure.toString());
                    return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity("try again later").build();
                });
    }
}
