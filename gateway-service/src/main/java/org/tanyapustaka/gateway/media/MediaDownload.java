package org.tanyapustaka.gateway.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.tanyapustaka.gateway.WhatsAppConfig;

/**
 * WhatsApp's two-step media download: {@code GET /{version}/{media-id}} (bearer) gives a URL valid for five
 * minutes, and {@code GET <url>} (bearer) gives the bytes. The access token goes only to the Graph API and to
 * the media origins allowed ({@code whatsapp.media.download-origins}); redirects are never followed. A media id
 * that is not WhatsApp's (digits), a URL that does not parse or points elsewhere, and a redirect are permanent
 * failures: trying again cannot help.
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

    /** WhatsApp's media ids are numbers. */
    private static final Pattern MEDIA_ID = Pattern.compile("[0-9]{1,32}");

    @Inject
    WhatsAppConfig config;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public Downloaded fetch(String mediaId) throws Failed {
        long limit = config.media().maxSize().asLongValue();
        if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
            throw new Failed("media id " + printable(mediaId) + " is not a WhatsApp media id", true);
        }
        try {
            HttpResponse<String> meta = http.send(request(URI.create(config.apiBaseUrl() + "/" + config.apiVersion() + "/"
                    + mediaId)), HttpResponse.BodyHandlers.ofString());
            if (meta.statusCode() != 200) {
                throw new Failed("media " + mediaId + ": Graph API answered " + meta.statusCode(),
                        meta.statusCode() >= 300 && meta.statusCode() < 500 && meta.statusCode() != 429);
            }
            JsonNode info = json.readTree(meta.body());
            long declared = info.path("file_size").asLong(-1);
            if (declared > limit) {
                throw new Failed("media " + mediaId + " is " + declared + " bytes, over the limit of " + limit, true);
            }
            HttpResponse<InputStream> file = http.send(request(mediaUrl(mediaId, info.path("url").asText(""))),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = file.body()) {
                if (file.statusCode() >= 300 && file.statusCode() < 400) {
                    throw new Failed("media " + mediaId + ": download answered " + file.statusCode()
                            + " (a redirect, not followed)", true);
                }
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
        } catch (IllegalArgumentException e) {
            throw new Failed("media " + mediaId + ": " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted", false);
        }
    }

    /** The media URL WhatsApp gave, if it is one of the allowed origins; the token goes nowhere else. */
    private URI mediaUrl(String mediaId, String url) throws Failed {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Failed("media " + mediaId + ": the URL WhatsApp gave does not parse: " + printable(url), true);
        }
        if (uri.getScheme() == null || uri.getHost() == null || config.media().downloadOrigins().stream()
                .noneMatch(origin -> sameOrigin(uri, URI.create(origin)))) {
            throw new Failed("media " + mediaId + ": the URL WhatsApp gave is not on an allowed media host: "
                    + printable(uri.getScheme() + "://" + uri.getRawAuthority()), true);
        }
        return uri;
    }

    private static boolean sameOrigin(URI uri, URI origin) {
        return uri.getScheme().equalsIgnoreCase(origin.getScheme()) && uri.getHost().equalsIgnoreCase(origin.getHost())
                && port(uri) == port(origin) && uri.getRawUserInfo() == null;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** At most 100 characters of what a remote party sent, for a log line. */
    private static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        String shown = text.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
    }

    private HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + config.accessToken()).GET().build();
    }
}
