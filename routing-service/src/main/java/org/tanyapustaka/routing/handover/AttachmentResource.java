package org.tanyapustaka.routing.handover;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tanyapustaka.events.problem.ProblemException;

/**
 * Librarians' files over REST: {@code POST /api/routing/handovers/{id}/attachments} with the file as the body (its
 * type as {@code Content-Type}, its name in {@code Content-Disposition} or {@code ?filename=}, an optional
 * {@code ?caption=}, and {@code Idempotency-Key}); {@code GET …/attachments/{attachmentId}} gives it back to staff.
 * The gateway's claim check is {@link AttachmentClaimResource}.
 */
@Path("/api/routing/handovers/{id}/attachments")
@RolesAllowed({ "librarian", "admin" })
public class AttachmentResource {

    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;]+))");
    private static final Pattern FILENAME_EXT = Pattern.compile("(?i)(?:^|;)\\s*filename\\*\\s*=\\s*([^']*)'[^']*'([^;]+)");

    @Inject
    LibrarianAttachments attachments;

    @Inject
    SecurityIdentity caller;

    @ConfigProperty(name = "routing.handover.reopen-template")
    Optional<String> reopenTemplate;

    @ConfigProperty(name = "routing.handover.reopen-template-language", defaultValue = "id")
    String reopenTemplateLanguage;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response attach(@PathParam("id") UUID id, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Disposition") String disposition, @HeaderParam("Content-Length") Long length,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @QueryParam("filename") String filenameParam,
            @QueryParam("caption") String caption, InputStream body) throws IOException {
        if (idempotencyKey != null && idempotencyKey.length() > 200) {
            throw ProblemException.badRequest("Idempotency-Key is longer than 200 characters.");
        }
        String filename = filenameParam != null && !filenameParam.isBlank() ? filenameParam : filenameOf(disposition);
        String mimeType = WhatsAppMediaLimits.essence(contentType);
        WhatsAppMediaLimits.Kind kind = WhatsAppMediaLimits.kindOf(mimeType).orElse(null);
        long limit = kind == null ? attachments.maxBytes() : Math.min(kind.maxBytes, attachments.maxBytes());
        if (kind != null && length != null && length > limit) {
            body.skip(Long.MAX_VALUE);
            throw attachments.tooLarge(filename, length, kind);
        }
        byte[] content = body.readNBytes((int) limit + 1);
        if (content.length > limit) {
            body.skip(Long.MAX_VALUE);
            throw attachments.tooLarge(filename, -1, kind);
        }
        LibrarianAttachments.Sent sent = attachments.send(id, caller.getPrincipal().getName(), filename, contentType, content,
                caption, LibrarianAttachments.attachmentId(id, idempotencyKey),
                reopenTemplate.filter(t -> !t.isBlank()), reopenTemplateLanguage);
        return Response.accepted(sent).build();
    }

    @GET
    @Path("/{attachmentId}")
    public Response download(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        Handover handover = Handover.<Handover>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No handover " + id + "."));
        ReadAccess.requireRead(handover, caller.getPrincipal().getName(), caller.hasRole("admin"));
        return file(attachments.of(id, attachmentId)
                .orElseThrow(() -> ProblemException.notFound("No file " + attachmentId + " in handover " + id + ".")));
    }

    /** A librarian's file as a download (also for the desk pages). */
    public static Response file(LibrarianAttachments.File attachment) {
        return Response.ok(attachment.content(), attachment.mimeType())
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(attachment.filename(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** The file name of {@code Content-Disposition: attachment; filename="..."} (or RFC 5987 {@code filename*}). */
    static String filenameOf(String disposition) {
        if (disposition == null) {
            return null;
        }
        Matcher extended = FILENAME_EXT.matcher(disposition);
        if (extended.find()) {
            try {
                return URLDecoder.decode(extended.group(2).strip().replace("+", "%2B"),
                        extended.group(1).isBlank() ? "UTF-8" : extended.group(1).strip());
            } catch (IllegalArgumentException | java.io.UnsupportedEncodingException e) {
                throw ProblemException.badRequest("The filename* of Content-Disposition cannot be read.");
            }
        }
        Matcher plain = FILENAME.matcher(disposition);
        if (!plain.find()) {
            return null;
        }
        return plain.group(1) != null ? plain.group(1).replaceAll("\\\\(.)", "$1") : plain.group(2).strip();
    }
}
