package org.tanyapustaka.routing.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.tanyapustaka.routing.handover.ClosedDate;
import org.tanyapustaka.routing.handover.HandoverQueue;
import org.tanyapustaka.routing.handover.HandoverReplies;
import org.tanyapustaka.routing.handover.ServiceHours;
import org.tanyapustaka.routing.handover.ServicePeriod;

/**
 * The console's service-hours page ({@code /console/hours}, admins): the week as it is, closed dates with their
 * reasons (add, remove, or load a year's holidays from an iCalendar file), and what a patron asking for a librarian
 * outside hours is told. Every change is in the audit log, in the change's transaction.
 */
@Path("/console/hours")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleHours {

    /** The largest calendar file taken. */
    static final long MAX_CALENDAR = 1024 * 1024;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance hours(ConsolePages.Me me, List<Day> week, List<Closed> closed, boolean openNow,
                String toldId, String toldEn);

        static native TemplateInstance hoursResult(ConsolePages.Me me, String message, boolean error);
    }

    public record Day(String name, String periods) {
    }

    public record Closed(String date, String day, String reason, boolean past) {
    }

    @Inject
    ConsoleAccess access;

    @Inject
    ServiceHours hours;

    @Inject
    HandoverQueue queue;

    @CookieParam(ConsolePages.LANGUAGE_COOKIE)
    String languageCookie;

    @GET
    @Transactional
    public TemplateInstance page() {
        ConsolePages.Me me = access.admin(languageCookie);
        Locale locale = me.en() ? Locale.ENGLISH : Locale.forLanguageTag("id-ID");
        ServiceHours.Schedule schedule = hours.schedule();
        List<Day> week = java.util.Arrays.stream(DayOfWeek.values()).map(d -> new Day(
                d.getDisplayName(TextStyle.FULL, locale),
                String.join(", ", schedule.periods().stream().filter(p -> p.weekday == d.getValue())
                        .map(p -> ServicePeriod.clock(p.opens) + "–" + ServicePeriod.clock(p.closes)).toList())))
                .toList();
        LocalDate today = LocalDate.now(ServiceHours.JAKARTA);
        List<Closed> closed = ClosedDate.<ClosedDate>list("ORDER BY day").stream()
                .map(c -> new Closed(c.day.toString(), c.day.getDayOfWeek().getDisplayName(TextStyle.FULL, locale),
                        c.reason, c.day.isBefore(today)))
                .toList();
        Instant now = Instant.now();
        var next = schedule.nextOpening(now).orElse(null);
        return Templates.hours(me, week, closed, schedule.isOpen(now),
                HandoverReplies.outOfHoursNotice(next, now, "id"), HandoverReplies.outOfHoursNotice(next, now, "en"))
                .setLocale(Locale.forLanguageTag(me.language()));
    }

    @POST
    @Path("/closed")
    @Transactional
    public Response close(@FormParam("date") String date, @FormParam("reason") String reason,
            @HeaderParam("HX-Request") String htmx) {
        ConsolePages.Me me = access.admin(languageCookie);
        ConsolePages.requireHtmx(htmx);
        ConsoleMessages m = ConsolePages.messages(me.language());
        LocalDate day;
        try {
            day = LocalDate.parse(date == null ? "" : date.strip());
        } catch (DateTimeParseException e) {
            return result(me, m.hours_bad_date(), true);
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 200) {
            return result(me, m.hours_bad_reason(), true);
        }
        ClosedDate closed = ClosedDate.<ClosedDate>findByIdOptional(day).orElseGet(ClosedDate::new);
        String before = closed.reason;
        closed.day = day;
        closed.reason = why;
        closed.persist();
        AuditEntry.record(me.username(), "hours.closed_date", "closed date " + day,
                before == null ? why : "\"" + before + "\" → \"" + why + "\"", AuditEntry.CONSOLE);
        return redirect();
    }

    @POST
    @Path("/closed/{date}/remove")
    @Transactional
    public Response reopen(@PathParam("date") String date, @HeaderParam("HX-Request") String htmx) {
        ConsolePages.Me me = access.admin(languageCookie);
        ConsolePages.requireHtmx(htmx);
        LocalDate day = LocalDate.parse(date);
        ClosedDate.<ClosedDate>findByIdOptional(day).ifPresent(c -> {
            AuditEntry.record(me.username(), "hours.closed_date_removed", "closed date " + day, c.reason,
                    AuditEntry.CONSOLE);
            c.delete();
            ClosedDate.flush();
            queue.assignWaiting();
        });
        return redirect();
    }

    /**
     * Closed dates from an iCalendar file (holidays, cuti bersama): all of it or, when the file cannot be read,
     * nothing. Dates already closed keep their reason.
     */
    @POST
    @Path("/calendar")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Transactional
    public Response calendar(@RestForm("file") FileUpload file, @HeaderParam("HX-Request") String htmx)
            throws IOException {
        ConsolePages.Me me = access.admin(languageCookie);
        ConsolePages.requireHtmx(htmx);
        ConsoleMessages m = ConsolePages.messages(me.language());
        if (file == null || file.size() == 0) {
            return result(me, m.hours_no_file(), true);
        }
        String name = file.fileName() == null ? "" : file.fileName();
        if (file.size() > MAX_CALENDAR) {
            return result(me, m.hours_not_calendar(name, "> 1 MB"), true);
        }
        Map<LocalDate, String> days;
        try {
            days = HolidayCalendar.closedDays(Files.readString(file.uploadedFile(), StandardCharsets.UTF_8));
        } catch (HolidayCalendar.NotACalendar | java.nio.charset.MalformedInputException e) {
            return result(me, m.hours_not_calendar(name, e.getMessage()), true);
        }
        int added = 0;
        for (Map.Entry<LocalDate, String> day : days.entrySet()) {
            if (ClosedDate.findByIdOptional(day.getKey()).isEmpty()) {
                ClosedDate closed = new ClosedDate();
                closed.day = day.getKey();
                closed.reason = day.getValue();
                closed.persist();
                added++;
            }
        }
        AuditEntry.record(me.username(), "hours.calendar_imported", "closed dates from " + name,
                added + " added, " + (days.size() - added) + " already closed", AuditEntry.CONSOLE);
        return result(me, m.hours_imported(added, days.size() - added), false);
    }

    private static Response redirect() {
        return Response.noContent().header("HX-Redirect", "/console/hours").build();
    }

    private static Response result(ConsolePages.Me me, String message, boolean error) {
        return Response.ok(Templates.hoursResult(me, message, error).setLocale(Locale.forLanguageTag(me.language())))
                .build();
    }
}
