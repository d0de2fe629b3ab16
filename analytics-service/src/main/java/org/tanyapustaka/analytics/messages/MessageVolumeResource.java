package org.tanyapustaka.analytics.messages;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.tanyapustaka.analytics.problem.BadRequest;

/** How many messages patrons sent, per day in library time (Asia/Jakarta). */
@Path("/api/analytics/messages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "librarian", "admin" })
public class MessageVolumeResource {

    static final int MAX_DAYS = 366;

    /**
     * Messages per day from {@code from} to {@code to} inclusive (ISO dates); by default the last 30 days.
     */
    @GET
    @Path("/daily")
    @Transactional
    public List<InboundMessageFact.DailyCount> daily(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate today = LocalDate.now(InboundMessageFact.LIBRARY_TIME);
        LocalDate end = to == null ? today : date("to", to);
        LocalDate start = from == null ? end.minusDays(29) : date("from", from);
        if (start.isAfter(end)) {
            throw new BadRequest("Invalid range", "'from' (" + start + ") is after 'to' (" + end + ").");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new BadRequest("Range too long", "A daily range covers at most " + MAX_DAYS + " days.");
        }
        return InboundMessageFact.perDay(start, end);
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest("Invalid date", "'" + name + "' must be a date like 2026-11-28.");
        }
    }
}
