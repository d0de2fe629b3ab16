package org.tanyapustaka.routing.desk;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.InternalSignature;
import org.tanyapustaka.routing.handover.AttachmentResource;
import org.tanyapustaka.routing.handover.LibrarianAttachments;
import org.tanyapustaka.routing.handover.ReadAccess;

/**
 * Attachments on the desk pages: {@code /desk/media/{id}} serves a file a librarian sent (kept by routing, see
 * {@link LibrarianAttachments}) or passes the gateway's {@code GET /media/{id}} through for a patron's, so the page
 * needs only its session. Routing signs its request with the attachments secret it shares
 * with the gateway ({@link InternalSignature}: HMAC of the media id), so no second key or token is needed that the
 * gateway would have to trust besides its staff's identity provider.
 */
@Path("/desk/media")
@RolesAllowed({ "librarian", "admin" })
public class DeskMedia {

    private static final Logger LOG = Logger.getLogger(DeskMedia.class);
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    LibrarianAttachments attachments;

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "routing.desk.gateway-url", defaultValue = "http://localhost:8080")
    String gatewayUrl;

    @ConfigProperty(name = "tanya.attachments.secret")
    Optional<String> secret;

    @GET
    @Path("/{id}")
    @Blocking
    public Response media(@PathParam("id") String id) {
        if (!MEDIA_ID.matcher(id).matches()) {
            return problem(400, "Not a WhatsApp media id.");
        }
        if (!ReadAccess.mayReadMedia(id, identity.getPrincipal().getName(), identity.hasRole("admin"))) {
            return problem(403, "This file belongs to a conversation you may not read.");
        }
        Optional<LibrarianAttachments.File> sent = librarianFile(id);
        if (sent.isPresent()) {
            return AttachmentResource.file(sent.get());
        }
        if (secret.filter(k -> !k.isBlank()).isEmpty()) {
            return problem(503, "Attachments cannot be shown on the desk: routing has no secret to ask the gateway "
                    + "with (TANYA_ATTACHMENTS_SECRET).");
        }
        String signature = InternalSignature.sign(secret.get(), InternalSignature.media(id));
        try {
            HttpResponse<InputStream> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/media/"
                    + URLEncoder.encode(id, StandardCharsets.UTF_8))).header(InternalSignature.HEADER, signature)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
            for (String header : new String[] { "Content-Type", "Content-Disposition", "Content-Length" }) {
                answer.headers().firstValue(header).ifPresent(v -> response.header(header, v));
            }
            return response.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "private, max-age=3600")
                    .build();
        } catch (java.io.IOException e) {
            LOG.warnf("The gateway did not answer for media %s: %s", id, e.getMessage());
            return problem(502, "The gateway did not answer; try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return problem(503, "Interrupted.");
        }
    }

    /** A file a librarian sent: its transcript line's media id is the attachment's id, kept by routing itself. */
    private Optional<LibrarianAttachments.File> librarianFile(String id) {
        if (id.length() != 36) {
            return Optional.empty();
        }
        try {
            return attachments.byId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response problem(int status, String detail) {
        return Response.status(status).type(MediaType.TEXT_PLAIN + ";charset=UTF-8").entity(detail).build();
    }
}
