package org.tanyapustaka.analytics.figures;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tanyapustaka.analytics.catalog.SearchFigures;
import org.tanyapustaka.analytics.conversation.QuestionFigures;
import org.tanyapustaka.analytics.delivery.DeliveryFigures;
import org.tanyapustaka.analytics.handover.HandoverFigures;
import org.tanyapustaka.analytics.messages.InboundMessageFact;
import org.tanyapustaka.analytics.messages.MessageFigures;
import org.tanyapustaka.analytics.patron.PatronFigures;
import org.tanyapustaka.analytics.summary.Summary;
import org.tanyapustaka.events.problem.ProblemException;

/**
 * The dashboards' figures, for the head of library (role admin). Every figure covers a range of whole days in
 * Asia/Jakarta time; grouped figures answer one row per bucket, empty buckets included.
 */
@Path("/api/analytics")
@Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
@RolesAllowed("admin")
@Tag(name = "Figures", description = "The library's dashboards. JSON by default; CSV with a header row for "
        + "`Accept: text/csv` or `?format=csv`. Ranges are whole days in Asia/Jakarta time, `from` and `to` included "
        + "(default: the last 30 days), at most 366 days (31 when grouped by hour). `group` is hour, day (default), "
        + "week (labelled by its Monday) or month. Bad ranges, dates, groupings or formats answer 400 with problem JSON.")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", description = "Invalid range, date, grouping, limit or format (problem JSON)")
@APIResponse(responseCode = "401", description = "No valid staff token")
@APIResponse(responseCode = "403", description = "Not an administrator")
public class FigureResource {

    static final int MAX_LIMIT = 500;

    @Inject
    Summary summary;
    @Inject
    MessageFigures messages;
    @Inject
    PatronFigures patrons;
    @Inject
    QuestionFigures questions;
    @Inject
    HandoverFigures handovers;
    @Inject
    SearchFigures searches;
    @Inject
    DeliveryFigures delivery;

    @GET
    @Path("/summary")
    @Operation(summary = "Headline numbers of a range",
            description = "Each figure below over the whole range: messages, patrons, questions and the bot's share, "
                    + "handovers and their median times, searches, satisfaction, delivery failures.")
    public Summary.Headline summary(@QueryParam("from") String from, @QueryParam("to") String to) {
        return summary.of(Period.parse(from, to, null, Grouping.DAY));
    }

    @GET
    @Path("/messages")
    @Operation(summary = "Messages in and out",
            description = "Messages patrons sent (at the time they sent them) and messages of the library WhatsApp "
                    + "accepted (a wamid on whatsapp.sent), with the latter by origin: bot (routing), catalogue, librarian.")
    public List<MessageFigures.MessageRow> messages(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") @Parameter(description = "hour, day, week or month") String group) {
        return messages.messages(Period.parse(from, to, group, Grouping.DAY));
    }

    @GET
    @Path("/messages/daily")
    @RolesAllowed({ "librarian", "admin" })
    @Transactional
    @Operation(summary = "Patron messages per day",
            description = "The first figure, kept for scripts and librarians: patron messages per Asia/Jakarta day, "
                    + "every day of the range included.")
    public List<InboundMessageFact.DailyCount> daily(@QueryParam("from") String from, @QueryParam("to") String to) {
        Period period = Period.parse(from, to, null, Grouping.DAY);
        return InboundMessageFact.perDay(period.from(), period.to());
    }

    @GET
    @Path("/patrons")
    @Operation(summary = "Unique, new and returning patrons",
            description = "Patrons (pseudonymous) who wrote in each bucket; new = their first message ever was in the "
                    + "bucket; returning = they had written before.")
    public List<PatronFigures.PatronRow> patrons(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") @Parameter(description = "hour, day, week or month") String group) {
        return patrons.patrons(Period.parse(from, to, group, Grouping.DAY));
    }

    @GET
    @Path("/questions")
    @Operation(summary = "Questions, answered by the bot alone vs handed over",
            description = "A question is a patron message classified under any intent except greeting, thanks, "
                    + "csat_rating and menu (intent_classified events). Handed over = handovers requested "
                    + "(handover_requested: the patron asked for a librarian, rejected the bot's answer, or was not "
                    + "understood). Answered by the bot alone = questions − handed over (never below 0); botShare = "
                    + "answeredByBot ÷ questions.")
    public List<QuestionFigures.QuestionRow> questions(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") @Parameter(description = "hour, day, week or month") String group) {
        return questions.questions(Period.parse(from, to, group, Grouping.DAY));
    }

    @GET
    @Path("/questions/intents")
    @Operation(summary = "Messages by intent",
            description = "Classified patron messages per bucket and intent, most frequent first; `question` tells "
                    + "whether the intent counts as a question. Without `group`, one bucket for the whole range.")
    public List<QuestionFigures.IntentRow> intents(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") @Parameter(description = "hour, day, week or month; none: the whole range") String group) {
        return questions.intents(Period.parse(from, to, group, null));
    }

    @GET
    @Path("/searches")
    @Operation(summary = "Catalogue searches",
            description = "Searches, searches that found nothing, median hits and median search time (ms).")
    public List<SearchFigures.SearchRow> searches(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") @Parameter(description = "hour, day, week or month") String group) {
        return searches.searches(Period.parse(from, to, group, Grouping.DAY));
    }

    @GET
    @Path("/searches/top")
    @Operation(summary = "Most searched terms", description = "Normalised search terms over the range, most searched first.")
    public List<SearchFigures.TermsRow> topSearches(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @Parameter(description = "at most this many terms, 1–500 (default 20)") String limit) {
        return searches.top(Period.parse(from, to, null, null), limit(limit));
    }

    @GET
    @Path("/searches/without-result")
    @Operation(summary = "Searches that found nothing",
            description = "Normalised terms that found no record, most frequent first: what the collection lacks.")
    public List<SearchFigures.TermsRow> searchesWithoutResult(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @Parameter(description = "at most this many terms, 1–500 (default 20)") String limit) {
        return searches.withoutResult(Period.parse(from, to, null, null), limit(limit));
    }

    @GET
    @Path("/handovers")
    @Operation(summary = "Handovers to librarians",
            description = "Per bucket of the request: requests, requests outside service hours (out_of_hours), queued, "
                    + "closed; waiting (first assigned − requested), first human response (first librarian reply − "
                    + "requested) and resolution (closed − requested) in seconds, median and 90th percentile.")
    public List<HandoverFigures.HandoverRow> handovers(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") @Parameter(description = "hour, day, week or month") String group) {
        return handovers.handovers(Period.parse(from, to, group, Grouping.DAY));
    }

    @GET
    @Path("/handovers/librarians")
    @Operation(summary = "Handovers per librarian",
            description = "The handover figures per librarian who handled them (closed them, or was last assigned to "
                    + "them when they closed by idle timeout or are still open), and how many each handled. Without "
                    + "`group`, one bucket for the whole range.")
    public List<HandoverFigures.LibrarianRow> librarians(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") @Parameter(description = "hour, day, week or month; none: the whole range") String group) {
        return handovers.librarians(Period.parse(from, to, group, null));
    }

    @GET
    @Path("/satisfaction")
    @Operation(summary = "Patron satisfaction",
            description = "Of the handovers closed in each bucket: how many the patron rated, the response rate "
                    + "(rated ÷ closed), the average rating and the distribution of ratings 1–5.")
    public List<HandoverFigures.SatisfactionRow> satisfaction(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") @Parameter(description = "hour, day, week or month") String group) {
        return handovers.satisfaction(Period.parse(from, to, group, Grouping.DAY));
    }

    @GET
    @Path("/delivery")
    @Operation(summary = "Delivery of the library's messages",
            description = "Each message once, under its current status (statuses never go backwards: sent < delivered "
                    + "< read; failed is final), in the bucket of its first status: sent (sent, delivered or read now), "
                    + "delivered (delivered or read), read, failed. sendErrors: sends WhatsApp refused. windowFailures: "
                    + "send errors and failed statuses with 131047, outside the 24-hour customer service window.")
    public List<DeliveryFigures.DeliveryRow> delivery(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") @Parameter(description = "hour, day, week or month") String group) {
        return delivery.delivery(Period.parse(from, to, group, Grouping.DAY));
    }

    @GET
    @Path("/delivery/errors")
    @Operation(summary = "Delivery failures by error code",
            description = "Send errors (source send) and failed statuses (source status) by WhatsApp error code. "
                    + "Without `group`, one bucket for the whole range.")
    public List<DeliveryFigures.ErrorRow> deliveryErrors(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") @Parameter(description = "hour, day, week or month; none: the whole range") String group) {
        return delivery.errors(Period.parse(from, to, group, null));
    }

    @GET
    @Path("/busiest-hours")
    @Operation(summary = "Busiest hours",
            description = "Patron messages per weekday (1 = Monday) and hour (Asia/Jakarta) over the range: 168 rows.")
    public List<MessageFigures.HourRow> busiestHours(@QueryParam("from") String from, @QueryParam("to") String to) {
        return messages.busiestHours(Period.parse(from, to, null, null));
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("Invalid limit", "'limit' must be a whole number from 1 to " + MAX_LIMIT + ", not '" + value + "'.");
    }
}
