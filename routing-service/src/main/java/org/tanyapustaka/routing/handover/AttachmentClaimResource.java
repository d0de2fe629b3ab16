package org.tanyapustaka.routing.handover;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.problem.ProblemException;

/**
 * The claim check of librarians' files: the gateway fetches a file it is to upload to WhatsApp. No staff token; the
 * request carries the attachments secret's HMAC of the id ({@code X-Attachment-Signature}), or gets 403.
 */
@Path("/internal/attachments")
@PermitAll
public class AttachmentClaimResource {

    @Inject
    LibrarianAttachments attachments;

    @GET
    @Path("/{id}")
    public Response claim(@PathParam("id") UUID id,
            @HeaderParam(OutboundMessage.Media.SIGNATURE_HEADER) String signature) {
        return AttachmentResource.file(attachments.claim(id, signature)
                .orElseThrow(() -> ProblemException.notFound("No attachment " + id + ".")));
    }
}
