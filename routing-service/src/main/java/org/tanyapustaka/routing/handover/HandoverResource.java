package org.tanyapustaka.routing.handover;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tanyapustaka.events.problem.ProblemException;
import org.tanyapustaka.routing.conversation.Conversation;

/**
 * The librarians' inbox: the queue and their conversations, each with its transcript; claim, reply, note, transfer
 * and close. The acting librarian is the staff token's {@code upn}.
 */
@Path("/api/routing/handovers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
@RolesAllowed({ "librarian", "admin" })
public class HandoverResource {

    /** WhatsApp's limit for a text message body. */
    static final int MAX_TEXT = 4096;

    @Inject
    LibrarianActions actions;

    @Inject
    SecurityIdentity caller;

    @ConfigProperty(name = "routing.handover.reopen-template")
    Optional<String> reopenTemplate;

    @ConfigProperty(name = "routing.handover.reopen-template-language", defaultValue = "id")
    String reopenTemplateLanguage;

    public record Summary(UUID id, UUID conversationId, String waId, String patronName, String language, String status,
            String reason, Instant requestedAt, boolean outOfHours, Long queuePosition, String librarian,
            Instant assignedAt, Instant firstReplyAt, Instant lastActivityAt, Instant closedAt, String closeReason,
            Integer rating, boolean windowOpen, Instant windowClosesAt) {
    }

    public record Line(UUID id, Instant at, String author, String librarian, String kind, String body, String mediaId,
            String delivery, Integer errorCode, String errorTitle) {
    }

    public record Detail(Summary handover, List<Line> transcript, List<Line> deliveryProblems) {
    }

    public record Text(@NotBlank @Size(max = MAX_TEXT) String text) {
    }

    public record Transfer(@NotBlank String to) {
    }

    @GET
    @Transactional
    public List<Summary> list(@QueryParam("status") @DefaultValue("open") String status,
            @QueryParam("mine") @DefaultValue("false") boolean mine) {
        // Ordered as the queue is (Handover.queuePosition), so that a queued handover's position is its rank here.
        List<Handover> handovers = switch (status) {
            case "open" -> Handover.list("status <> ?1 ORDER BY requestedAt, id", Handover.CLOSED);
            case Handover.QUEUED, Handover.ASSIGNED -> Handover.list("status = ?1 ORDER BY requestedAt, id", status);
            case Handover.CLOSED -> Handover.<Handover>find("status = ?1 ORDER BY closedAt DESC", status).page(0, 200).list();
            default -> throw ProblemException.badRequest(
                    "status must be open, queued, assigned or closed, not '" + status + "'.");
        };
        // One query for every conversation instead of one per handover; summary() then finds them in the session.
        List<UUID> conversationIds = handovers.stream().map(h -> h.conversationId).distinct().toList();
        if (!conversationIds.isEmpty()) {
            Conversation.list("id IN ?1", conversationIds);
        }
        String me = caller.getPrincipal().getName();
        List<Summary> summaries = new ArrayList<>();
        long queued = 0;
        for (Handover h : handovers) {
            Long position = Handover.QUEUED.equals(h.status) ? ++queued : null;
            if (!mine || me.equals(h.librarian)) {
                summaries.add(summary(h, position));
            }
        }
        return summaries;
    }

    @GET
    @Path("/{id}")
    @Transactional
    public Detail get(@PathParam("id") UUID id) {
        Handover handover = Handover.<Handover>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No handover " + id + "."));
        ReadAccess.requireRead(handover, caller.getPrincipal().getName(), caller.hasRole("admin"));
        List<Line> transcript = TranscriptEntry.of(handover.conversationId, 500).stream().map(HandoverResource::line)
                .toList();
        List<Line> problems = transcript.stream()
                .filter(l -> "failed".equals(l.delivery()) && !l.at().isBefore(handover.requestedAt)).toList();
        return new Detail(summary(handover), transcript, problems);
    }

    @POST
    @Path("/{id}/claim")
    public Summary claim(@PathParam("id") UUID id) {
        return summaryOf(actions.claim(id, caller.getPrincipal().getName()).id);
    }

    @POST
    @Path("/{id}/replies")
    public Response reply(@PathParam("id") UUID id, @Valid @NotNull Text reply,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (idempotencyKey != null && idempotencyKey.length() > 200) {
            throw ProblemException.badRequest("Idempotency-Key is longer than 200 characters.");
        }
        LibrarianActions.Sent sent = actions.reply(id, caller.getPrincipal().getName(), reply.text().strip(),
                LibrarianActions.replyCommandId(id, idempotencyKey), reopenTemplate.filter(t -> !t.isBlank()),
                reopenTemplateLanguage);
        return Response.accepted(sent).build();
    }

    @POST
    @Path("/{id}/notes")
    public Response note(@PathParam("id") UUID id, @Valid @NotNull Text note) {
        return Response.status(201).entity(line(actions.note(id, caller.getPrincipal().getName(), note.text().strip()))).build();
    }

    @POST
    @Path("/{id}/transfer")
    public Summary transfer(@PathParam("id") UUID id, @Valid @NotNull Transfer transfer) {
        return summaryOf(actions.transfer(id, caller.getPrincipal().getName(), transfer.to().strip()).id);
    }

    @POST
    @Path("/{id}/close")
    public Summary close(@PathParam("id") UUID id) {
        return summaryOf(actions.close(id, caller.getPrincipal().getName()).id);
    }

    @Transactional
    Summary summaryOf(UUID id) {
        return summary(Handover.findById(id));
    }

    static Summary summary(Handover h) {
        return summary(h, Handover.QUEUED.equals(h.status) ? h.queuePosition() : null);
    }

    private static Summary summary(Handover h, Long queuePosition) {
        Conversation conversation = Conversation.findById(h.conversationId);
        return new Summary(h.id, h.conversationId, h.waId, conversation.profileName, conversation.language, h.status,
                h.reason, h.requestedAt, h.outOfHours, queuePosition,
                h.librarian, h.assignedAt, h.firstReplyAt, h.lastActivityAt, h.closedAt, h.closeReason, h.rating,
                conversation.windowOpen(Instant.now()), conversation.windowClosesAt());
    }

    static Line line(TranscriptEntry e) {
        return new Line(e.id, e.at, e.author, e.librarian, e.kind, e.body, e.mediaId, e.delivery, e.errorCode,
                e.errorTitle);
    }
}
