package org.tanyapustaka.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tanyapustaka.events.AccountAlert;
import org.tanyapustaka.events.DeliveryStatus;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronMessage;

/**
 * Reads one webhook delivery: every entry, change, message and status in it, in Meta's documented shape.
 * Unknown fields are ignored; a message type this version does not know yet becomes {@code unsupported} rather
 * than failing the delivery.
 */
public record WebhookPayload(List<PatronMessage> messages, List<DeliveryStatus> statuses, List<AccountAlert> alerts,
        List<String> problems, Map<java.util.UUID, String> confirmations) {

    /** True when the body is a WhatsApp Business Account webhook at all. */
    public static boolean isWhatsAppWebhook(JsonNode root) {
        return root != null && root.isObject() && "whatsapp_business_account".equals(root.path("object").asText())
                && root.path("entry").isArray();
    }

    public static WebhookPayload read(JsonNode root, Instant receivedAt) {
        List<PatronMessage> messages = new ArrayList<>();
        List<DeliveryStatus> statuses = new ArrayList<>();
        List<AccountAlert> alerts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<java.util.UUID, String> confirmations = new HashMap<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                String phoneNumberId = textOrNull(value.path("metadata").path("phone_number_id"));
                for (JsonNode error : value.path("errors")) {
                    alerts.add(alert(error, phoneNumberId == null ? textOrNull(entry.path("id")) : phoneNumberId,
                            epochSeconds(value.path("timestamp"), receivedAt)));
                }
                Map<String, String> names = new HashMap<>();
                for (JsonNode contact : value.path("contacts")) {
                    names.put(contact.path("wa_id").asText(), textOrNull(contact.path("profile").path("name")));
                }
                for (JsonNode message : value.path("messages")) {
                    String wamid = textOrNull(message.path("id"));
                    String from = textOrNull(message.path("from"));
                    if (wamid == null || from == null) {
                        problems.add("message without id or from");
                        continue;
                    }
                    messages.add(message(message, wamid, from, names.get(from), phoneNumberId, receivedAt));
                }
                for (JsonNode status : value.path("statuses")) {
                    DeliveryStatus read = status(status);
                    if (read == null) {
                        problems.add("status without id, recipient or known status");
                    } else {
                        statuses.add(read);
                        // "sent" (or "failed") is the first status of a message WhatsApp took: one check per message.
                        if (read.status() == DeliveryStatus.Status.SENT || read.status() == DeliveryStatus.Status.FAILED) {
                            commandOf(status).ifPresent(command -> confirmations.put(command, read.wamid()));
                        }
                    }
                }
            }
        }
        return new WebhookPayload(messages, statuses, alerts, problems, confirmations);
    }

    private static PatronMessage message(JsonNode m, String wamid, String from, String name, String phoneNumberId,
            Instant receivedAt) {
        String type = m.path("type").asText("unsupported");
        PatronMessage.Type kind = switch (type) {
            case "text" -> PatronMessage.Type.TEXT;
            case "interactive" -> PatronMessage.Type.INTERACTIVE;
            case "button" -> PatronMessage.Type.BUTTON;
            case "image" -> PatronMessage.Type.IMAGE;
            case "document" -> PatronMessage.Type.DOCUMENT;
            case "audio" -> PatronMessage.Type.AUDIO;
            case "video" -> PatronMessage.Type.VIDEO;
            case "sticker" -> PatronMessage.Type.STICKER;
            case "location" -> PatronMessage.Type.LOCATION;
            case "contacts" -> PatronMessage.Type.CONTACTS;
            case "reaction" -> PatronMessage.Type.REACTION;
            default -> PatronMessage.Type.UNSUPPORTED;
        };
        String text = null;
        String replyId = null;
        String replyTitle = null;
        PatronMessage.Media media = null;
        PatronMessage.Location location = null;
        PatronMessage.Error error = null;
        String context = textOrNull(m.path("context").path("id"));
        switch (kind) {
            case TEXT -> text = textOrNull(m.path("text").path("body"));
            case INTERACTIVE -> {
                JsonNode interactive = m.path("interactive");
                JsonNode reply = interactive.has("button_reply") ? interactive.path("button_reply")
                        : interactive.path("list_reply");
                replyId = textOrNull(reply.path("id"));
                replyTitle = textOrNull(reply.path("title"));
                text = replyTitle;
            }
            case BUTTON -> {
                replyId = textOrNull(m.path("button").path("payload"));
                replyTitle = textOrNull(m.path("button").path("text"));
                text = replyTitle;
            }
            case IMAGE, DOCUMENT, AUDIO, VIDEO, STICKER -> {
                JsonNode node = m.path(type);
                media = new PatronMessage.Media(textOrNull(node.path("id")), textOrNull(node.path("mime_type")),
                        textOrNull(node.path("sha256")), textOrNull(node.path("caption")),
                        textOrNull(node.path("filename")), null, null);
                text = media.caption();
            }
            case LOCATION -> {
                JsonNode node = m.path("location");
                location = new PatronMessage.Location(node.path("latitude").isNumber() ? node.get("latitude").asDouble() : null,
                        node.path("longitude").isNumber() ? node.get("longitude").asDouble() : null,
                        textOrNull(node.path("name")), textOrNull(node.path("address")));
            }
            case REACTION -> {
                text = textOrNull(m.path("reaction").path("emoji"));
                context = textOrNull(m.path("reaction").path("message_id"));
            }
            case CONTACTS -> text = contactCards(m.path("contacts"));
            default -> {
            }
        }
        JsonNode errors = m.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            error = new PatronMessage.Error(first.path("code").asInt(), textOrNull(first.path("title")),
                    textOrNull(first.path("error_data").path("details")));
        }
        return new PatronMessage(EventIds.ofWamid(wamid), wamid, from, name, phoneNumberId,
                epochSeconds(m.path("timestamp"), receivedAt), receivedAt, kind, text, replyId, replyTitle, media,
                location, context, error);
    }

    /** Shared contact cards as text a librarian can read: "Name: +62 812-..., +62 ..." one per line. */
    private static String contactCards(JsonNode contacts) {
        List<String> cards = new ArrayList<>();
        for (JsonNode contact : contacts) {
            List<String> phones = new ArrayList<>();
            for (JsonNode phone : contact.path("phones")) {
                String number = textOrNull(phone.path("phone"));
                if (number != null) {
                    phones.add(number);
                }
            }
            String name = textOrNull(contact.path("name").path("formatted_name"));
            cards.add((name == null ? "" : name + ": ") + String.join(", ", phones));
        }
        return cards.isEmpty() ? null : String.join("\n", cards);
    }

    private static AccountAlert alert(JsonNode error, String phoneNumberId, Instant at) {
        int code = error.path("code").asInt();
        String title = textOrNull(error.path("title"));
        return new AccountAlert(EventIds.ofAlert(phoneNumberId, code + ":" + title, at.getEpochSecond()),
                phoneNumberId, "webhook", code, title,
                textOrNull(error.path("error_data").path("details")), at);
    }

    /** The command id the gateway sent as biz_opaque_callback_data, which Meta echoes in status webhooks. */
    private static java.util.Optional<java.util.UUID> commandOf(JsonNode status) {
        String data = textOrNull(status.path("biz_opaque_callback_data"));
        if (data == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.util.UUID.fromString(data));
        } catch (IllegalArgumentException notOurs) {
            return java.util.Optional.empty();
        }
    }

    private static DeliveryStatus status(JsonNode s) {
        String wamid = textOrNull(s.path("id"));
        String recipient = textOrNull(s.path("recipient_id"));
        DeliveryStatus.Status status = switch (s.path("status").asText()) {
            case "sent" -> DeliveryStatus.Status.SENT;
            case "delivered" -> DeliveryStatus.Status.DELIVERED;
            case "read" -> DeliveryStatus.Status.READ;
            case "failed" -> DeliveryStatus.Status.FAILED;
            default -> null;
        };
        if (wamid == null || recipient == null || status == null) {
            return null;
        }
        DeliveryStatus.Error error = null;
        JsonNode errors = s.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            error = new DeliveryStatus.Error(first.path("code").asInt(), textOrNull(first.path("title")),
                    textOrNull(first.path("error_data").path("details")));
        }
        return new DeliveryStatus(EventIds.ofStatus(wamid, s.path("status").asText()), wamid, recipient, status,
                epochSeconds(s.path("timestamp"), Instant.now()), error);
    }

    private static Instant epochSeconds(JsonNode node, Instant fallback) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(node.asText()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
