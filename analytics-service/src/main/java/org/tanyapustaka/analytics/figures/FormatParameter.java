package org.tanyapustaka.analytics.figures;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tanyapustaka.events.problem.Problem;
import org.tanyapustaka.events.problem.ProblemException;

/** {@code ?format=csv} (or {@code json}) on a figure chooses the representation, as the Accept header would. */
public class FormatParameter {

    /** Sets the Accept header from {@code format}; answers 400 (no further processing) for an unknown format. */
    @ServerRequestFilter(preMatching = true)
    public Response choose(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/analytics/")) {
            return null;
        }
        String format = request.getUriInfo().getQueryParameters().getFirst("format");
        if (format == null || format.isBlank()) {
            return null;
        }
        switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "csv":
                request.getHeaders().putSingle(HttpHeaders.ACCEPT, CsvWriter.TEXT_CSV);
                break;
            case "json":
                request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
                break;
            default:
                return ProblemException.response(
                        Problem.of(400, "Unknown format", "'format' must be csv or json, not '" + format + "'.")).build();
        }
        return null;
    }
}
