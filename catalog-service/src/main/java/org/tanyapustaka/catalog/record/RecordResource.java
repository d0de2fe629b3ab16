package org.tanyapustaka.catalog.record;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.tanyapustaka.events.problem.ProblemException;

/** Records and their copies: public to read (like an OPAC), librarians write. */
@Path("/api/catalog/records")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RecordResource {

    @Inject
    CatalogRecords records;

    @GET
    @Path("/{id}")
    @PermitAll
    @Transactional
    public RecordView get(@PathParam("id") long id) {
        return RecordView.of(CatalogRecord.<CatalogRecord>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No record " + id + " in the catalogue.")));
    }

    @POST
    @RolesAllowed({ "librarian", "admin" })
    @Transactional
    public Response create(@Valid @NotNull RecordInput input) {
        CatalogRecord record = records.create(input);
        return Response.created(URI.create("/api/catalog/records/" + record.id)).entity(RecordView.of(record)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ "librarian", "admin" })
    @Transactional
    public RecordView update(@PathParam("id") long id, @Valid @NotNull RecordInput input) {
        return RecordView.of(records.update(id, input)
                .orElseThrow(() -> ProblemException.notFound("No record " + id + " in the catalogue.")));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ "librarian", "admin" })
    @Transactional
    public Response delete(@PathParam("id") long id) {
        if (!CatalogRecord.deleteById(id)) {
            throw ProblemException.notFound("No record " + id + " in the catalogue.");
        }
        return Response.noContent().build();
    }
}
