package org.tanyapustaka.catalog.search;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

    @Inject
    SearchEvaluation evaluation;

    /**
     * Judged queries in the public format ({@code query<TAB>relevant source ids<TAB>note}, a header line) in, a
     * plain-text report out: nDCG@10 and recall@5 per query and overall, over this catalogue ({@code ./tanya eval
     * search}).
     */
    @POST
    @Path("/evaluation")
    @Consumes({ MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "text/tab-separated-values" })
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({ "librarian", "admin" })
    public String evaluate(@NotBlank String judgements) {
        return evaluation.evaluate(SearchEvaluation.parse(judgements)).text();
    }

    /**
     * Messages in, one per line; for each, one line out: {@code strong} or {@code weak}, a tab, the message. What
     * the catalogue judge ({@link StrongMatch}) says of messages the bot did not understand, for {@code ./tanya eval
     * judged}; nothing is kept or published.
     */
    @POST
    @Path("/judgement")
    @Consumes({ MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({ "librarian", "admin" })
    @Transactional
    public String judge(@NotBlank String messages) {
        StringBuilder out = new StringBuilder();
        for (String line : messages.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            ChatQuery chat = ChatQuery.parse(line);
            boolean strong = !chat.isEmpty() && StrongMatch.strong(chat, search.search(chat, 1));
            out.append(strong ? "strong" : "weak").append('\t').append(line.strip()).append('\n');
        }
        return out.toString();
    }

    @GET
    @Transactional
    public SearchResult search(@QueryParam("q") @NotBlank @Size(max = 500) String q,
            @QueryParam("page") @DefaultValue("1") @Min(1) @Max(200) int page) {
        return search.search(ChatQuery.parse(q), page);
    }
}
