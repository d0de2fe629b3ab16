package org.tanyapustaka.routing.conversation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Conversations, most recent first, for librarians. */
@Path("/api/routing/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "librarian", "admin" })
public class ConversationResource {

    public record ConversationSummary(UUID id, String waId, String profileName, String language, int messagesIn,
            Instant lastInboundAt) {
    }

    @GET
    @Transactional
    public List<ConversationSummary> recent(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return Conversation.mostRecent(limit).stream()
                .map(c -> new ConversationSummary(c.id, c.waId, c.profileName, c.language, c.messagesIn, c.lastInboundAt))
                .toList();
    }
}
