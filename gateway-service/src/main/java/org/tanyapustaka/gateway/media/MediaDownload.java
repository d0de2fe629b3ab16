package org.tanyapustaka.gateway.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.tanyapustaka.gateway.WhatsAppConfig;

/**
 * WhatsApp's two-step media download: {@code GET /{version}/{media-id}} (bearer) gives a URL valid for five
 * minutes, and {@code GET <url>} (bearer) gives the bytes.
 */
@ApplicationScoped
public class MediaDownload {

    /** The bytes and what WhatsApp says about them. */
    public record Downloaded(byte[] content, String mimeType, String sha256) {
    }

    /** Why a download did not work; {@code permanent} when trying again cannot help (e.g. too large). */
    public static class Failed extends Exception {
        public final boolean permanent;

        Failed(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }
    }

    @Inject
    WhatsAppConfig config;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public Downloaded fetch(String mediaId) throws Failed {
        long limit = config.media().maxSize().asLongValue();
        try {
            HttpResponse<String> meta = http.send(request(URI.create(config.apiBaseUrl() + "/" + config.apiVersion() + "/"
                    + mediaId)), HttpResponse.BodyHandlers.ofString());
            if (meta.statusCode() != 200) {
                throw new Failed("media " + mediaId + ": Graph API answered " + meta.statusCode(),
                        meta.statusCode() >= 400 && meta.statusCode() < 500 && meta.statusCode() != 429);
            }
            JsonNode info = json.readTree(meta.body());
            long declared = info.path("file_size").asLong(-1);
            if (declared > limit) {
                throw new Failed("media " + mediaId + " is " + declared + " bytes, over the limit of " + limit, true);
            }
            HttpResponse<InputStream> file = http.send(request(URI.create(info.path("url").asText())),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = file.body()) {
                if (file.statusCode() != 200) {
                    throw new Failed("media " + mediaId + ": download answered " + file.statusCode(), false);
                }
                byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (content.length > limit) {
                    throw new Failed("media " + mediaId + " is over the limit of " + limit + " bytes", true);
                }
                return new Downloaded(content, info.path("mime_type").asText(null), info.path("sha256").asText(null));
            }
        } catch (IOException e) {
            throw new Failed("media " + mediaId + ": " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted", false);
        }
    }

    private HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + config.accessToken()).GET().build();
    }
}
