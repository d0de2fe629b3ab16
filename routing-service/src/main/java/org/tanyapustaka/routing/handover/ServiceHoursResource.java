package org.tanyapustaka.routing.handover;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.tanyapustaka.events.problem.ProblemException;

/**
 * The hours librarians answer handovers (Asia/Jakarta): a weekly schedule with breaks, and closed dates such as
 * public holidays and cuti bersama. Everyone on staff may read them; only administrators change them.
 */
@Path("/api/routing/service-hours")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ "librarian", "admin" })
public class ServiceHoursResource {

    @Inject
    ServiceHours hours;

    @Inject
    HandoverQueue queue;

    /** One period, e.g. {@code {"day": "friday", "opens": "13:00", "closes": "16:30"}}. */
    public record Period(@NotBlank String day, @NotBlank String opens, @NotBlank String closes) {
    }

    public record Closed(String date, @NotBlank @Size(max = 200) String reason) {
    }

    public record View(String timeZone, List<Period> weekly, List<Closed> closedDates, boolean openNow,
            String nextOpening) {
    }

    @GET
    @Transactional
    public View get() {
        ServiceHours.Schedule schedule = hours.schedule();
        Instant now = Instant.now();
        List<Period> weekly = schedule.periods().stream()
                .map(p -> new Period(DayOfWeek.of(p.weekday).name().toLowerCase(Locale.ROOT),
                        ServicePeriod.clock(p.opens), ServicePeriod.clock(p.closes)))
                .toList();
        List<Closed> closed = ClosedDate.<ClosedDate>list("ORDER BY day").stream()
                .map(d -> new Closed(d.day.toString(), d.reason)).toList();
        return new View(ServiceHours.JAKARTA.getId(), weekly, closed, schedule.isOpen(now),
                schedule.nextOpening(now).map(o -> o.toOffsetDateTime().toString()).orElse(null));
    }

    /** Replaces the weekly schedule. Periods of one day must not overlap; a day without periods is closed. */
    @PUT
    @Path("/weekly")
    @RolesAllowed("admin")
    @Transactional
    public View weekly(@NotNull List<@Valid @NotNull Period> periods) {
        if (periods.size() > 70) {
            throw ProblemException.badRequest("At most 70 periods a week.");
        }
        List<ServicePeriod> parsed = new ArrayList<>();
        for (Period period : periods) {
            ServicePeriod p = new ServicePeriod();
            p.weekday = day(period.day()).getValue();
            p.opens = minutes(period.opens(), "opens");
            p.closes = period.closes().strip().equals("24:00") ? 24 * 60 : minutes(period.closes(), "closes");
            if (p.opens >= p.closes) {
                throw ProblemException.badRequest("On " + period.day() + " a period opens at " + period.opens()
                        + " but closes at " + period.closes() + ": it must close after it opens.");
            }
            parsed.add(p);
        }
        parsed.sort(Comparator.<ServicePeriod>comparingInt(p -> p.weekday).thenComparingInt(p -> p.opens));
        for (int i = 1; i < parsed.size(); i++) {
            ServicePeriod before = parsed.get(i - 1);
            ServicePeriod after = parsed.get(i);
            if (before.weekday == after.weekday && after.opens < before.closes) {
                throw ProblemException.badRequest("Two periods on "
                        + DayOfWeek.of(after.weekday).name().toLowerCase(Locale.ROOT)
                        + " overlap (" + ServicePeriod.clock(before.opens) + "-" + ServicePeriod.clock(before.closes)
                        + " and " + ServicePeriod.clock(after.opens) + "-" + ServicePeriod.clock(after.closes) + ").");
            }
        }
        ServicePeriod.deleteAll();
        parsed.forEach(p -> p.persist());
        ServicePeriod.flush();
        queue.assignWaiting();
        return get();
    }

    @PUT
    @Path("/closed-dates/{date}")
    @RolesAllowed("admin")
    @Transactional
    public View close(@PathParam("date") String date, @Valid @NotNull Closed closed) {
        LocalDate day = date(date);
        ClosedDate closedDate = ClosedDate.<ClosedDate>findByIdOptional(day).orElseGet(ClosedDate::new);
        closedDate.day = day;
        closedDate.reason = closed.reason().strip();
        closedDate.persist();
        return get();
    }

    @DELETE
    @Path("/closed-dates/{date}")
    @RolesAllowed("admin")
    @Transactional
    public Response reopen(@PathParam("date") String date) {
        if (!ClosedDate.deleteById(date(date))) {
            throw ProblemException.notFound(date + " is not a closed date.");
        }
        ClosedDate.flush();
        queue.assignWaiting();
        return Response.noContent().build();
    }

    private static DayOfWeek day(String day) {
        String name = day.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(name)) {
                return d;
            }
        }
        List<String> indonesian = List.of("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu");
        int index = indonesian.indexOf(name.replace("'", ""));
        if (index >= 0) {
            return DayOfWeek.of(index + 1);
        }
        throw ProblemException.badRequest("'" + day + "' is not a day; use monday…sunday (or senin…minggu).");
    }

    private static int minutes(String value, String field) {
        try {
            LocalTime time = LocalTime.parse(value.strip().replace('.', ':'));
            return time.getHour() * 60 + time.getMinute();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field + " '" + value + "' is not a time of day such as 08:00.");
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + value + "' is not a date such as 2026-12-25.");
        }
    }
}
