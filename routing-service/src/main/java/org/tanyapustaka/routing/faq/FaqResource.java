package org.tanyapustaka.routing.faq;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import org.tanyapustaka.events.problem.ProblemException;
import org.tanyapustaka.routing.console.KnowledgeBase;
import org.tanyapustaka.routing.intent.Intent;

/**
 * The knowledge base, maintained by librarians: {@code /api/routing/faq}. Every change is kept in the answer's
 * history and the audit log ({@link KnowledgeBase}), as the console's are.
 */
@Path("/api/routing/faq")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ "librarian", "admin" })
public class FaqResource {

    /** An answer as librarians write it; WhatsApp shows it with two buttons, so at most 1,024 characters. */
    public record FaqInput(@NotBlank String intent, @NotBlank @Size(max = 100) String title,
            List<@NotBlank @Size(max = 300) String> examples, @NotBlank @Size(max = 1024) String answerId,
            @NotBlank @Size(max = 1024) String answerEn, Boolean active) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    KnowledgeBase knowledgeBase;

    @GET
    @Transactional
    public List<FaqAnswer> list() {
        return FaqAnswer.all();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public FaqAnswer get(@PathParam("id") long id) {
        return FaqAnswer.<FaqAnswer>findByIdOptional(id).orElseThrow(() -> notFound(id));
    }

    @POST
    @Transactional
    public Response create(@Valid @NotNull FaqInput input) {
        FaqAnswer answer = new FaqAnswer();
        apply(answer, input);
        answer.persist();
        knowledgeBase.recordApiChange(answer, "created", identity.getPrincipal().getName());
        return Response.created(URI.create("/api/routing/faq/" + answer.id)).entity(answer).build();
    }

    @PUT
    @Path("/{id}")
    @Transactional
    public FaqAnswer update(@PathParam("id") long id, @Valid @NotNull FaqInput input) {
        FaqAnswer answer = get(id);
        apply(answer, input);
        knowledgeBase.recordApiChange(answer, "edited", identity.getPrincipal().getName());
        return answer;
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        FaqAnswer answer = get(id);
        knowledgeBase.recordApiDeletion(answer, identity.getPrincipal().getName());
        answer.delete();
        return Response.noContent().build();
    }

    private static void apply(FaqAnswer answer, FaqInput input) {
        if (Intent.fromWireName(input.intent()).isEmpty()) {
            throw new ProblemException(400, "Unknown intent", "'" + input.intent() + "' is not an intent; use one of "
                    + java.util.Arrays.stream(Intent.values()).map(Intent::wireName).toList() + ".");
        }
        answer.intent = input.intent();
        answer.title = input.title().strip();
        answer.examples = input.examples() == null ? new String[0] : input.examples().toArray(String[]::new);
        answer.answerId = input.answerId().strip();
        answer.answerEn = input.answerEn().strip();
        answer.active = input.active() == null || input.active();
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("No knowledge-base answer " + id + ".");
    }
}
