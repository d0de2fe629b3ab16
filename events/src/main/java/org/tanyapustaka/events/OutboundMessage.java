package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/**
 * A command to send one WhatsApp message to a patron ({@code whatsapp.outbound}, key = waId).
 * The gateway sends each {@code commandId} at most once.
 *
 * @param commandId      deterministic id ({@link EventIds#derive(UUID, String)} of the cause)
 * @param waId           the patron
 * @param kind           what to send
 * @param body           the text (text), or the body text (buttons, list)
 * @param buttons        reply buttons (buttons: at most 3)
 * @param list           the list (list)
 * @param template       the template (template)
 * @param replyToWamid   the patron message to quote; for mark_read, the message to mark as read
 * @param origin         who wants it sent
 * @param conversationId the conversation it belongs to, if any
 * @param causationId    the id of the event that caused it
 * @param typing         for mark_read: also show the patron a typing indicator (until the reply, at most 25 s)
 * @param media          for document and image: the file, fetched by the gateway from {@link Media#url()} (a claim
 *                       check: files do not travel through Kafka), uploaded to the Graph API and sent by media id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutboundMessage(
        UUID commandId,
        String waId,
        Kind kind,
        String body,
        List<Button> buttons,
        ListMenu list,
        Template template,
        String replyToWamid,
        Origin origin,
        UUID conversationId,
        UUID causationId,
        Boolean typing,
        Media media) {

    /** A command without media (every kind but document and image). */
    public OutboundMessage(UUID commandId, String waId, Kind kind, String body, List<Button> buttons, ListMenu list,
            Template template, String replyToWamid, Origin origin, UUID conversationId, UUID causationId,
            Boolean typing) {
        this(commandId, waId, kind, body, buttons, list, template, replyToWamid, origin, conversationId, causationId,
                typing, null);
    }

    public enum Kind {
        @JsonProperty("text") TEXT,
        @JsonProperty("buttons") BUTTONS,
        @JsonProperty("list") LIST,
        @JsonProperty("template") TEMPLATE,
        @JsonProperty("mark_read") MARK_READ,
        @JsonProperty("document") DOCUMENT,
        @JsonProperty("image") IMAGE
    }

    public enum Origin {
        @JsonProperty("routing") ROUTING,
        @JsonProperty("catalog") CATALOG,
        @JsonProperty("librarian") LIBRARIAN
    }

    public record Button(String id, String title) {
    }

    /**
     * An interactive list. {@code button} is the label of the button that opens it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListMenu(String header, String footer, String button, List<Section> sections) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Section(String title, List<Row> rows) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String id, String title, String description) {
    }

    /** Marks the patron's message as read, optionally showing that a reply is being typed. */
    public static OutboundMessage markRead(UUID commandId, String waId, String wamid, boolean typing,
            UUID conversationId, UUID causationId) {
        return new OutboundMessage(commandId, waId, Kind.MARK_READ, null, null, null, null, wamid, Origin.ROUTING,
                conversationId, causationId, typing ? Boolean.TRUE : null);
    }

    /**
     * A file to send (document, image), held by its producer until the gateway has fetched it.
     *
     * @param attachmentId the producer's id of the file
     * @param filename     shown to the patron under a document
     * @param mimeType     the file's type, e.g. application/pdf, image/jpeg
     * @param size         bytes (WhatsApp accepts at most 100 MB)
     * @param sha256       SHA-256 of the bytes, lowercase hex: the gateway checks what it fetched against it
     * @param caption      text under the document or image (at most 1,024 characters)
     * @param url          where the gateway fetches the bytes (an internal, authenticated endpoint of the producer)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(UUID attachmentId, String filename, String mimeType, int size, String sha256, String caption,
            String url) {

        /** The header that authenticates a fetch of {@link #url()}: {@link #signature} of the attachment id. */
        public static final String SIGNATURE_HEADER = "X-Attachment-Signature";

        /**
         * HMAC-SHA256 of the attachment id with the secret the producer and the gateway share, lowercase hex: only
         * a holder of the secret can fetch a file, not every reader of the topic.
         */
        public static String signature(String secret, UUID attachmentId) {
            return InternalSignature.sign(secret, attachmentId.toString());
        }
    }

    /** A document or an image, sent by the gateway after uploading the file to the Graph API. */
    public static OutboundMessage media(UUID commandId, String waId, Kind kind, Media media, Origin origin,
            UUID conversationId, UUID causationId) {
        if (kind != Kind.DOCUMENT && kind != Kind.IMAGE) {
            throw new IllegalArgumentException("Media goes as a document or an image, not as " + kind);
        }
        return new OutboundMessage(commandId, waId, kind, null, null, null, null, null, origin, conversationId,
                causationId, null, media);
    }

    /** A pre-approved template; {@code parameters} fill the body's placeholders in order. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Template(String name, String language, List<String> parameters) {
    }

    public static OutboundMessage text(UUID commandId, String waId, String body, Origin origin,
            UUID conversationId, UUID causationId) {
        return new OutboundMessage(commandId, waId, Kind.TEXT, body, null, null, null, null, origin,
                conversationId, causationId, null);
    }

    public static OutboundMessage list(UUID commandId, String waId, String body, ListMenu list, Origin origin,
            UUID conversationId, UUID causationId) {
        return new OutboundMessage(commandId, waId, Kind.LIST, body, null, list, null, null, origin,
                conversationId, causationId, null);
    }
}
