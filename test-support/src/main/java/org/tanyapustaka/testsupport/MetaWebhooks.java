package org.tanyapustaka.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds webhooks in the exact shape Meta sends them and posts them signed with the app secret
 * ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>}), as Meta does.
 */
public final class MetaWebhooks {

    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    static final String BUSINESS_ACCOUNT_ID = "102290129340398";
    static final String DISPLAY_PHONE_NUMBER = "15550783881";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appSecret;
    private final String phoneNumberId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public MetaWebhooks(String appSecret, String phoneNumberId) {
        this.appSecret = appSecret;
        this.phoneNumberId = phoneNumberId;
    }

    /** {@code sha256=<64 lowercase hex>}: HMAC-SHA256 of the raw body bytes with the secret. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh WhatsApp-like message id. */
    public static String newWamid() {
        String raw = "TANYA" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        return "wamid." + java.util.Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** A patron's text message. */
    public ObjectNode text(String from, String name, String wamid, String body) {
        ObjectNode message = message(from, wamid, "text");
        message.putObject("text").put("body", body);
        return envelopeWithMessage(from, name, message);
    }

    /** A patron pressing a reply button. */
    public ObjectNode buttonReply(String from, String name, String wamid, String contextWamid, String id, String title) {
        ObjectNode message = message(from, wamid, "interactive");
        context(message, contextWamid);
        ObjectNode interactive = message.putObject("interactive").put("type", "button_reply");
        interactive.putObject("button_reply").put("id", id).put("title", title);
        return envelopeWithMessage(from, name, message);
    }

    /** A patron choosing a row of a list. */
    public ObjectNode listReply(String from, String name, String wamid, String contextWamid, String id, String title,
            String description) {
        ObjectNode message = message(from, wamid, "interactive");
        context(message, contextWamid);
        ObjectNode interactive = message.putObject("interactive").put("type", "list_reply");
        ObjectNode reply = interactive.putObject("list_reply").put("id", id).put("title", title);
        if (description != null) {
            reply.put("description", description);
        }
        return envelopeWithMessage(from, name, message);
    }

    /** A patron's attachment: type image, document, audio or video, as Meta sends it (media id, not the bytes). */
    public ObjectNode media(String from, String name, String wamid, String type, String mediaId, String mimeType,
            String sha256, String caption, String filename) {
        ObjectNode message = message(from, wamid, type);
        ObjectNode media = message.putObject(type).put("id", mediaId).put("mime_type", mimeType).put("sha256", sha256);
        if (caption != null && !caption.isBlank()) {
            media.put("caption", caption);
        }
        if (filename != null && type.equals("document")) {
            media.put("filename", filename);
        }
        return envelopeWithMessage(from, name, message);
    }

    /** A delivery status of a message the business sent. */
    public ObjectNode status(String wamid, String recipient, String status, Instant at) {
        return status(wamid, recipient, status, at, null);
    }

    /** A delivery status echoing the {@code biz_opaque_callback_data} the business sent with the message. */
    public ObjectNode status(String wamid, String recipient, String status, Instant at, String callbackData) {
        ObjectNode envelope = envelope();
        ObjectNode value = value(envelope);
        ObjectNode item = value.putArray("statuses").addObject()
                .put("id", wamid)
                .put("status", status)
                .put("timestamp", String.valueOf(at.getEpochSecond()))
                .put("recipient_id", recipient);
        if (callbackData != null) {
            item.put("biz_opaque_callback_data", callbackData);
        }
        return envelope;
    }

    /**
     * Posts a webhook signed as Meta signs it and returns the HTTP status; 0 when the receiver is unreachable.
     */
    public int post(URI webhook, ObjectNode payload) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return postRaw(webhook, body, sign(appSecret, body));
    }

    /** Posts raw bytes with the given signature header value (null for none); 0 when unreachable. */
    public int postRaw(URI webhook, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(SIGNATURE_HEADER, signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private ObjectNode envelope() {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject().put("id", BUSINESS_ACCOUNT_ID);
        ObjectNode change = entry.putArray("changes").addObject();
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata")
                .put("display_phone_number", DISPLAY_PHONE_NUMBER)
                .put("phone_number_id", phoneNumberId);
        change.put("field", "messages");
        return root;
    }

    private ObjectNode envelopeWithMessage(String from, String name, ObjectNode message) {
        ObjectNode envelope = envelope();
        ObjectNode value = value(envelope);
        ArrayNode contacts = value.putArray("contacts");
        contacts.addObject().put("wa_id", from).putObject("profile").put("name", name);
        // Field order as Meta writes it: contacts before messages.
        value.putArray("messages").add(message);
        return envelope;
    }

    private static ObjectNode value(ObjectNode envelope) {
        return (ObjectNode) envelope.path("entry").path(0).path("changes").path(0).path("value");
    }

    private static ObjectNode message(String from, String wamid, String type) {
        return JSON.createObjectNode()
                .put("from", from)
                .put("id", wamid)
                .put("timestamp", String.valueOf(Instant.now().getEpochSecond()))
                .put("type", type);
    }

    private static void context(ObjectNode message, String contextWamid) {
        if (contextWamid != null) {
            message.putObject("context").put("from", DISPLAY_PHONE_NUMBER).put("id", contextWamid);
        }
    }
}
