package org.tanyapustaka.gateway.media;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tanyapustaka.events.InternalSignature;
import org.tanyapustaka.events.problem.Problem;
import org.tanyapustaka.events.problem.ProblemException;

/**
 * Patrons' attachments, for librarians: {@code GET /media/{id}} with the WhatsApp media id. Staff ask with their
 * bearer token (role librarian or admin); routing's desk pages ask for the signed-in librarian with
 * {@link InternalSignature#HEADER}, the HMAC of the media id with the attachments secret both services share.
 * Images, PDF and audio are shown in place; anything else a patron sent (HTML, SVG, office files) is a download,
 * and every file comes with {@code nosniff} and a sandboxing content security policy, so that no file can run
 * script in the staff's browser.
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
        String filename = file.filename != null ? file.filename.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_") : id;
        String type = file.mimeType != null ? file.mimeType : "application/octet-stream";
        return Response.ok(file.content, type)
                .header("Content-Disposition",
                        (shownInline(type) ? "inline" : "attachment") + "; filename=\"" + filename + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Content-Length", file.size)
                .build();
    }

    /** Whether a browser may show the type in place; anything else (HTML, SVG, scripts, office files) is a download. */
    static boolean shownInline(String mimeType) {
        String type = mimeType.toLowerCase(java.util.Locale.ROOT);
        int parameters = type.indexOf(';');
        return INLINE_TYPES.contains((parameters < 0 ? type : type.substring(0, parameters)).strip());
    }

    /** Images, PDF and audio as WhatsApp carries them (not SVG, which can hold scripts). */
    private static final java.util.Set<String> INLINE_TYPES = java.util.Set.of("image/jpeg", "image/png", "image/webp",
            "image/gif", "application/pdf", "audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/amr");

    private static Response problem(int status, String title, String detail) {
        Response.ResponseBuilder response = ProblemException.response(Problem.of(status, title, detail));
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }
}
