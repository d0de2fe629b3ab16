package org.tanyapustaka.catalog.search;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The public OPAC search: {@code GET /api/catalog/search?q=&page=}, understanding chat-style questions. */
@Path("/api/catalog/search")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class SearchResource {

    @Inject
    CatalogSearch search;

    @GET
    @Transactional
    public SearchResult search(@QueryParam("q") @NotBlank @Size(max = 500) String q,
            @QueryParam("page") @DefaultValue("1") @Min(1) @Max(200) int page) {
        return search.search(ChatQuery.parse(q), page);
    }
}
