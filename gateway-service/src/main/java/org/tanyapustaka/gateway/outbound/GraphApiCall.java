package org.tanyapustaka.gateway.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.gateway.WhatsAppConfig;

/** One Graph API send, and what its answer means for the command (docs/whatsapp-cloud-api.md, "Limits and errors"). */
@ApplicationScoped
public class GraphApiCall {

    /** Codes after which sending the same message again later may succeed. */
    static final Set<Integer> RETRYABLE = Set.of(130429, 131000, 131016, 2, 131056);
    static final int PAIR_RATE_LIMIT = 131056;
    static final int TOKEN_EXPIRED = 190;

    /** What came of one attempt. */
    public sealed interface Outcome {
    }

    /** WhatsApp accepted the message (delivery comes later, as a status webhook). */
    public record Accepted(String wamid) implements Outcome {
    }

    /** WhatsApp answered with an error. */
    public record Refused(int httpStatus, int code, String title, boolean retryable) implements Outcome {
    }

    /** The request never reached WhatsApp (connection refused or not established): safe to send again. */
    public record NotSent(String reason) implements Outcome {
    }

    /** The request went out but no answer came back: WhatsApp may have accepted it. */
    public record NoAnswer(String reason) implements Outcome {
    }

    @Inject
    WhatsAppConfig config;

    @Inject
    @RestClient
    GraphApiClient graph;

    public Outcome send(OutboundMessage command) {
        return send(command, null);
    }

    /** Sends the command; a document or image by the media id of its uploaded file. */
    public Outcome send(OutboundMessage command, String mediaId) {
        try (Response response = call(command, mediaId)) {
            JsonNode body = response.hasEntity() ? readJson(response) : null;
            if (response.getStatus() == 200) {
                String wamid = body == null ? null : body.path("messages").path(0).path("id").asText(null);
                return command.kind() == OutboundMessage.Kind.MARK_READ || wamid != null ? new Accepted(wamid)
                        : new NoAnswer("200 without a message id");
            }
            return refusal(response.getStatus(), body);
        } catch (ProcessingException e) {
            return reachedWhatsApp(e) ? new NoAnswer(e.getMessage()) : new NotSent(e.getMessage());
        }
    }

    /** Meta's error JSON (or none) read as a refusal: its code, its most specific text, whether to try again. */
    static Refused refusal(int httpStatus, JsonNode body) {
        JsonNode error = body == null ? null : body.path("error");
        int code = error == null || !error.has("code") ? httpStatus : error.path("code").asInt();
        String title = error == null ? "HTTP " + httpStatus
                : error.path("error_data").path("details").asText(error.path("message").asText("HTTP " + httpStatus));
        return new Refused(httpStatus, code, title, RETRYABLE.contains(code) || httpStatus >= 500);
    }

    private Response call(OutboundMessage command, String mediaId) {
        try {
            return graph.send(config.apiVersion(), config.phoneNumberId(), "Bearer " + config.accessToken(),
                    GraphMessageBody.of(command, mediaId));
        } catch (WebApplicationException e) {
            return e.getResponse(); // Meta's error JSON, read like a success
        }
    }

    private static JsonNode readJson(Response response) {
        try {
            return response.readEntity(JsonNode.class);
        } catch (RuntimeException e) {
            return null; // not JSON: judged by the HTTP status alone
        }
    }

    /** A failure to connect means nothing was sent; anything later (a read timeout, a reset) may have been. */
    private static boolean reachedWhatsApp(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t.getClass().getSimpleName().contains("ConnectTimeout")
                    || t.getClass().getSimpleName().equals("UnknownHostException")) {
                return false;
            }
        }
        return true;
    }
}
