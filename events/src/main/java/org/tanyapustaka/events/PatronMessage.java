package org.tanyapustaka.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A message a patron sent to the library's WhatsApp number ({@code whatsapp.inbound}, key = waId).
 *
 * @param id            deterministic event id, {@link EventIds#ofWamid(String)}
 * @param wamid         WhatsApp's message id
 * @param waId          the patron's WhatsApp id (phone number without +)
 * @param profileName   the patron's WhatsApp profile name, if given
 * @param phoneNumberId the library's number that received the message
 * @param sentAt        when the patron sent it (WhatsApp's timestamp)
 * @param receivedAt    when the gateway accepted the webhook
 * @param type          the WhatsApp message type
 * @param text          text body, caption, or the title of a button or list reply
 * @param replyId       id of the pressed button / chosen list row / template button payload
 * @param replyTitle    title of the pressed button or chosen list row
 * @param media         media of image, video, audio, document or sticker messages
 * @param location      a shared location
 * @param contextWamid  the wamid of the message this one replies to (for a reaction: the message reacted to)
 * @param error         why WhatsApp could not deliver the content (unsupported messages)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PatronMessage(
        UUID id,
        String wamid,
        String waId,
        String profileName,
        String phoneNumberId,
        Instant sentAt,
        Instant receivedAt,
        Type type,
        String text,
        String replyId,
        String replyTitle,
        Media media,
        Location location,
        String contextWamid,
        Error error) {

    public enum Type {
        @JsonProperty("text") TEXT,
        @JsonProperty("interactive") INTERACTIVE,
        @JsonProperty("button") BUTTON,
        @JsonProperty("image") IMAGE,
        @JsonProperty("document") DOCUMENT,
        @JsonProperty("audio") AUDIO,
        @JsonProperty("video") VIDEO,
        @JsonProperty("sticker") STICKER,
        @JsonProperty("location") LOCATION,
        @JsonProperty("contacts") CONTACTS,
        @JsonProperty("reaction") REACTION,
        @JsonProperty("unsupported") UNSUPPORTED
    }

    /**
     * An attachment. {@code available} is false when the gateway could not download it from WhatsApp in time;
     * {@code size} is its size in bytes once downloaded (staff fetch it from the gateway's {@code /media/{id}}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(String id, String mimeType, String sha256, String caption, String filename, Boolean available,
            Long size) {
    }

    /** WhatsApp's own error about a message it could not pass on (e.g. 131051, unsupported message type). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(int code, String title, String details) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(Double latitude, Double longitude, String name, String address) {
    }
}
