package org.tanyapustaka.gateway.media;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tanyapustaka.events.InternalSignature;

/**
 * Patrons' attachments, for librarians: {@code GET /media/{id}} with the WhatsApp media id. Staff ask with their
 * bearer token (role librarian or admin); routing's desk pages ask for the signed-in librarian with
 * {@link InternalSignature#HEADER}, the HMAC of the media id with the attachments secret both services share.
 */
@Path("/media")
public class MediaResource {

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "tanya.attachments.secret")
    Optional<String> secret;

    @GET
    @Path("/{id}")
    @Transactional
    public Response file(@PathParam("id") String id, @HeaderParam(InternalSignature.HEADER) String signature) {
        boolean staff = identity.hasRole("librarian") || identity.hasRole("admin");
        if (!staff && !InternalSignature.verify(secret.orElse(""), InternalSignature.media(id), signature)) {
            boolean anonymous = identity.isAnonymous();
            return problem(anonymous ? 401 : 403, anonymous ? "Unauthorized" : "Forbidden", anonymous
                    ? "Patrons' attachments are for staff: send a bearer token, or the desk's " + InternalSignature.HEADER
                            + (signature == null ? "." : " (this one is wrong).")
                    : "Patrons' attachments are for librarians and admins.");
        }
        MediaFile file = MediaFile.findById(id);
        if (file == null) {
            return problem(404, "No such attachment",
                    "No attachment with id " + id + " was received, or it could not be downloaded.");
        }
        String filename = file.filename != null ? file.filename.replaceAll("[\\r\\n\"\\\\]", "_") : id;
        return Response.ok(file.content, file.mimeType != null ? file.mimeType : "application/octet-stream")
                .header("Content-Disposition", "inline; filename=\"" + filename + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Length", file.size)
                .build();
    }

    private static Response problem(int status, String title, String detail) {
        Response.ResponseBuilder response = Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail));
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }
}
