package org.tanyapustaka.routing.handover;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When librarians answer: the weekly schedule (with breaks) in Asia/Jakarta minus the closed dates. The bot
 * answers around the clock; only handovers wait for these hours.
 */
@ApplicationScoped
public class ServiceHours {

    public static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    /** A snapshot of the schedule, read once per decision. */
    public record Schedule(List<ServicePeriod> periods, Set<LocalDate> closed) {

        public boolean isOpen(Instant at) {
            ZonedDateTime local = at.atZone(JAKARTA);
            if (closed.contains(local.toLocalDate())) {
                return false;
            }
            LocalTime time = local.toLocalTime();
            int weekday = local.getDayOfWeek().getValue();
            return periods.stream().anyMatch(p -> p.weekday == weekday && p.covers(time));
        }

        /** The next moment the service opens after {@code at}, within a year; empty if it never does. */
        public Optional<ZonedDateTime> nextOpening(Instant at) {
            ZonedDateTime local = at.atZone(JAKARTA);
            for (int day = 0; day <= 366; day++) {
                LocalDate date = local.toLocalDate().plusDays(day);
                if (closed.contains(date)) {
                    continue;
                }
                int weekday = date.getDayOfWeek().getValue();
                boolean later = day > 0;
                LocalTime now = local.toLocalTime();
                Optional<LocalTime> opens = periods.stream()
                        .filter(p -> p.weekday == weekday)
                        .map(ServicePeriod::opensAt)
                        .filter(opensAt -> later || opensAt.isAfter(now))
                        .min(Comparator.naturalOrder());
                if (opens.isPresent()) {
                    return Optional.of(date.atTime(opens.get()).atZone(JAKARTA));
                }
            }
            return Optional.empty();
        }
    }

    public Schedule schedule() {
        List<ServicePeriod> periods = ServicePeriod.list("ORDER BY weekday, opens");
        Set<LocalDate> closed = ClosedDate.<ClosedDate>listAll().stream().map(d -> d.day).collect(Collectors.toSet());
        return new Schedule(periods, closed);
    }

    public boolean isOpen(Instant at) {
        return schedule().isOpen(at);
    }
}
