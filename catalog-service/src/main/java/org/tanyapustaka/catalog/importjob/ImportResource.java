package org.tanyapustaka.catalog.importjob;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tanyapustaka.events.problem.ProblemException;

/**
 * Catalogue imports for librarians: upload a MARC21 (ISO 2709, MARC-8 or UTF-8), MARCXML or SLiMS CSV file, or
 * harvest an OAI-PMH repository; each runs in the background, {@code GET /api/catalog/imports/{id}} follows it.
 */
@Path("/api/catalog/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "librarian", "admin" })
public class ImportResource {

    @Inject
    CatalogImports imports;

    @Inject
    ImportSources sources;

    @Inject
    SecurityIdentity identity;

    /** The progress and per-record errors of an import. */
    public record ImportStatus(UUID id, String kind, String description, ImportJob.State state, int read, int imported,
            int updated, int deleted, int failed, String error, Instant createdAt, Instant finishedAt,
            List<ImportFailure.View> failures) {

        static ImportStatus of(ImportJob job, List<ImportFailure.View> failures) {
            return new ImportStatus(job.id, job.kind, job.description, job.state, job.read, job.imported, job.updated,
                    job.deleted, job.failed, job.error, job.createdAt, job.finishedAt, failures);
        }
    }

    public record HarvestRequest(@NotBlank String baseUrl,
            @NotNull @Pattern(regexp = "oai_dc|marc21", message = "must be oai_dc or marc21") String metadataPrefix,
            String set, boolean full) {
    }

    /** Upload a file: {@code ?format=marc|marcxml|csv}; answered 202 with the job to follow. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(@QueryParam("format") String format, @QueryParam("name") String name, byte[] body) {
        if (format == null || !List.of("marc", "marcxml", "csv").contains(format)) {
            throw ProblemException.badRequest(
                    "Say what the file is: ?format=marc (ISO 2709), marcxml or csv (SLiMS export).");
        }
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("The request body must be the file to import.");
        }
        java.nio.file.Path file;
        try {
            file = Files.createTempFile("tanya-import", "." + format);
            Files.write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String description = (name == null ? "upload" : name) + " (" + body.length + " bytes)";
        UUID id = imports.start(format, description, identity.getPrincipal().getName(),
                () -> sources.file(format, file), () -> deleteQuietly(file));
        return accepted(id);
    }

    /** Harvest an OAI-PMH repository, incrementally from the last harvest unless {@code full}. */
    @POST
    @Path("/oai")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response harvest(@Valid @NotNull HarvestRequest request) {
        if (!request.baseUrl().matches("https?://.+")) {
            throw ProblemException.badRequest("baseUrl must be the http(s) address of the OAI-PMH endpoint.");
        }
        UUID id = imports.start(CatalogImports.HARVEST, request.metadataPrefix() + " from " + request.baseUrl(),
                identity.getPrincipal().getName(),
                () -> sources.harvest(request.baseUrl(), request.metadataPrefix(), request.set(), request.full()),
                () -> sources.harvestFinished(request.baseUrl()));
        return accepted(id);
    }

    @GET
    @Path("/{id}")
    @Transactional
    public ImportStatus status(@PathParam("id") UUID id) {
        ImportJob job = ImportJob.findById(id);
        if (job == null) {
            throw ProblemException.notFound("No import " + id + ".");
        }
        return ImportStatus.of(job, ImportFailure.of(id, 1000));
    }

    @GET
    @Transactional
    public List<ImportStatus> recent() {
        return ImportJob.recent(20).stream().map(job -> ImportStatus.of(job, List.of())).toList();
    }

    private static Response accepted(UUID id) {
        return Response.accepted(java.util.Map.of("id", id, "status", "/api/catalog/imports/" + id))
                .location(URI.create("/api/catalog/imports/" + id)).build();
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the system cleans it up eventually
        }
    }
}
