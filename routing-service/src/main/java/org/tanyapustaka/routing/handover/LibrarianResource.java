package org.tanyapustaka.routing.handover;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.tanyapustaka.events.problem.ProblemException;

/**
 * Librarian accounts: status (online, away, offline) and capacity. A librarian sets their own status; an
 * administrator names accounts, sets capacities and may set anyone's status (e.g. someone who left without
 * going offline).
 */
@Path("/api/routing/librarians")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ "librarian", "admin" })
public class LibrarianResource {

    @Inject
    HandoverQueue queue;

    @Inject
    SecurityIdentity caller;

    public record View(String username, String displayName, String status, int capacity, long openConversations,
            Instant statusChangedAt) {
    }

    public record StatusChange(@NotBlank String status) {
    }

    public record Account(@Size(max = 100) String displayName, @NotNull @Min(0) @Max(100) Integer capacity) {
    }

    @GET
    @Transactional
    public List<View> list() {
        return Librarian.all().stream().map(LibrarianResource::view).toList();
    }

    @GET
    @Path("/me")
    @Transactional
    public View me() {
        return view(Librarian.account(caller.getPrincipal().getName()));
    }

    @PUT
    @Path("/me/status")
    public View myStatus(@Valid @NotNull StatusChange change) {
        return changeStatus(caller.getPrincipal().getName(), change);
    }

    @PUT
    @Path("/{username}/status")
    @RolesAllowed("admin")
    public View status(@PathParam("username") String username, @Valid @NotNull StatusChange change) {
        return changeStatus(username, change);
    }

    private View changeStatus(String username, StatusChange change) {
        String status = change.status().strip().toLowerCase(java.util.Locale.ROOT);
        if (!Librarian.STATUSES.contains(status)) {
            throw ProblemException.badRequest(
                    "status must be one of " + Librarian.STATUSES + ", not '" + change.status() + "'.");
        }
        queue.setStatus(username, status);
        return viewOf(username);
    }

    @PUT
    @Path("/{username}")
    @RolesAllowed("admin")
    @Transactional
    public View account(@PathParam("username") String username, @Valid @NotNull Account account) {
        if (username.isBlank() || username.length() > 200) {
            throw ProblemException.badRequest("A username is 1 to 200 characters.");
        }
        Librarian librarian = Librarian.account(username);
        if (account.displayName() != null && !account.displayName().isBlank()) {
            librarian.displayName = account.displayName().strip();
        }
        librarian.capacity = account.capacity();
        Librarian.flush();
        queue.assignWaiting(); // more room may take conversations from the queue at once
        return view(librarian);
    }

    @Transactional
    View viewOf(String username) {
        return view(Librarian.<Librarian>findByIdOptional(username).orElseThrow());
    }

    static View view(Librarian l) {
        return new View(l.username, l.displayName, l.status, l.capacity, Handover.openFor(l.username), l.statusChangedAt);
    }
}
