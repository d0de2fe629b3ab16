package org.tanyapustaka.gateway.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.gateway.WhatsAppConfig;

/**
 * The file of a document or image command: fetched from its producer's claim-check URL (signed with the shared
 * attachments secret, at most the declared size, checked against its sha256), then uploaded to the Graph API
 * ({@code POST /{version}/{phone-number-id}/media}, multipart: {@code file}, {@code type}, {@code messaging_product}),
 * which answers the media id the message is sent by. An upload sends nothing to the patron, so any failure of it may
 * be retried without the risk of a double send.
 */
@ApplicationScoped
public class MediaUpload {

    /** WhatsApp's largest media (documents). */
    static final int LARGEST = 100 * 1024 * 1024;

    /** What came of fetching and uploading a file. */
    public sealed interface Result {
    }

    public record Uploaded(String mediaId) implements Result {
    }

    /** {@code code} is Meta's error code, or 0 when the file could not be fetched from its producer. */
    public record Failed(int code, String title, boolean retryable) implements Result {
    }

    @Inject
    WhatsAppConfig config;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "tanya.attachments.secret")
    java.util.Optional<String> secret;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Result upload(OutboundMessage.Media media) {
        if (media == null || media.url() == null || media.attachmentId() == null || media.mimeType() == null) {
            return new Failed(0, "the command has no file to send (media.url, attachmentId and mimeType are needed)",
                    false);
        }
        if (media.size() <= 0 || media.size() > LARGEST) {
            return new Failed(0, "the file's declared size " + media.size() + " is not between 1 byte and 100 MB",
                    false);
        }
        byte[] content;
        try {
            content = fetch(media);
        } catch (FetchFailed e) {
            return new Failed(0, "the attachment could not be fetched: " + e.getMessage(), e.retryable);
        }
        return post(media, content);
    }

    private static final class FetchFailed extends Exception {
        final boolean retryable;

        FetchFailed(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }
    }

    private byte[] fetch(OutboundMessage.Media media) throws FetchFailed {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(media.url())).timeout(Duration.ofSeconds(60))
                    .header(OutboundMessage.Media.SIGNATURE_HEADER,
                            OutboundMessage.Media.signature(secret.orElse(""), media.attachmentId()))
                    .GET().build();
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("its url is not a URL (" + media.url() + ")", false);
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    // 404 too: the producer publishes the command just before its transaction commits the file.
                    throw new FetchFailed(media.url() + " answered HTTP " + response.statusCode(),
                            response.statusCode() >= 500 || response.statusCode() == 429
                                    || response.statusCode() == 404);
                }
                byte[] content = in.readNBytes(media.size() + 1);
                if (content.length != media.size()) {
                    throw new FetchFailed("it has " + (content.length > media.size() ? "more than " : "")
                            + content.length + " bytes, not the declared " + media.size(), false);
                }
                String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
                if (!sha256.equalsIgnoreCase(media.sha256())) {
                    throw new FetchFailed("its SHA-256 is " + sha256 + ", not the declared " + media.sha256(), false);
                }
                return content;
            }
        } catch (IOException e) {
            throw new FetchFailed(media.url() + ": " + e, true);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailed("interrupted", true);
        }
    }

    private Result post(OutboundMessage.Media media, byte[] content) {
        String boundary = "tanya-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 1024);
        field(body, boundary, "messaging_product", "whatsapp");
        field(body, boundary, "type", media.mimeType());
        String filename = media.filename() == null || media.filename().isBlank() ? "file" : media.filename();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename.replace("\"", "'").replace("\r", " ").replace("\n", " ") + "\"\r\nContent-Type: "
                + media.mimeType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.apiBaseUrl() + "/" + config.apiVersion() + "/"
                        + config.phoneNumberId() + "/media"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + config.accessToken())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = readJson(response.body());
            if (response.statusCode() == 200 && answer != null && answer.hasNonNull("id")) {
                return new Uploaded(answer.get("id").asText());
            }
            GraphApiCall.Refused refused = GraphApiCall.refusal(response.statusCode(), answer);
            return new Failed(refused.code(), refused.title(), refused.retryable());
        } catch (IOException e) {
            // Nothing reached the patron: an upload that failed, or got no answer, is simply made again.
            boolean connect = e instanceof ConnectException || e.getCause() instanceof ConnectException;
            return new Failed(0, "the Graph API " + (connect ? "could not be reached" : "did not answer the upload")
                    + ": " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(0, "interrupted", true);
        }
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
