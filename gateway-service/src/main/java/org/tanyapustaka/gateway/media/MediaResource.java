package org.tanyapustaka.gateway.media;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Patrons' attachments, for librarians: {@code GET /media/{id}} with the WhatsApp media id. */
@Path("/media")
@RolesAllowed({ "librarian", "admin" })
public class MediaResource {

    @GET
    @Path("/{id}")
    @Transactional
    public Response file(@PathParam("id") String id) {
        MediaFile file = MediaFile.findById(id);
        if (file == null) {
            return Response.status(404).type("application/problem+json").entity(Map.of(
                    "type", "about:blank", "title", "No such attachment", "status", 404,
                    "detail", "No attachment with id " + id + " was received, or it could not be downloaded."))
                    .build();
        }
        String filename = file.filename != null ? file.filename.replaceAll("[\\r\\n\"\\\\]", "_") : id;
        return Response.ok(file.content, file.mimeType != null ? file.mimeType : "application/octet-stream")
                .header("Content-Disposition", "inline; filename=\"" + filename + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Length", file.size)
                .build();
    }
}
