package org.tanyapustaka.analytics.handover;

import java.time.Instant;
import java.util.UUID;
import org.tanyapustaka.analytics.figures.Facts;

/**
 * One handover, merged from its events in whatever order they arrive: "first" times keep the earliest, the last
 * assignment the latest, so a late or redelivered event never moves a figure the wrong way.
 */
public final class HandoverFact {

    private HandoverFact() {
    }

    public static void requested(UUID handover, Instant at, String reason) {
        Facts.update("""
                INSERT INTO handover (handover_id, requested_at, request_reason) VALUES (?1, ?2, ?3)
                ON CONFLICT (handover_id) DO UPDATE SET
                  requested_at = LEAST(handover.requested_at, EXCLUDED.requested_at),
                  request_reason = COALESCE(handover.request_reason, EXCLUDED.request_reason)""",
                handover, at, reason);
    }

    public static void outOfHours(UUID handover) {
        Facts.update("""
                INSERT INTO handover (handover_id, out_of_hours) VALUES (?1, true)
                ON CONFLICT (handover_id) DO UPDATE SET out_of_hours = true""", handover);
    }

    public static void queued(UUID handover) {
        Facts.update("""
                INSERT INTO handover (handover_id, queued) VALUES (?1, true)
                ON CONFLICT (handover_id) DO UPDATE SET queued = true""", handover);
    }

    public static void assigned(UUID handover, Instant at, String librarian) {
        Facts.update("""
                INSERT INTO handover (handover_id, first_assigned_at, last_assigned_at, last_assigned_to)
                VALUES (?1, ?2, ?2, ?3)
                ON CONFLICT (handover_id) DO UPDATE SET
                  first_assigned_at = LEAST(handover.first_assigned_at, EXCLUDED.first_assigned_at),
                  last_assigned_to = CASE WHEN handover.last_assigned_at IS NULL
                                            OR EXCLUDED.last_assigned_at >= handover.last_assigned_at
                                          THEN EXCLUDED.last_assigned_to ELSE handover.last_assigned_to END,
                  last_assigned_at = GREATEST(handover.last_assigned_at, EXCLUDED.last_assigned_at)""",
                handover, at, librarian);
    }

    public static void replied(UUID handover, Instant at) {
        Facts.update("""
                INSERT INTO handover (handover_id, first_replied_at) VALUES (?1, ?2)
                ON CONFLICT (handover_id) DO UPDATE SET
                  first_replied_at = LEAST(handover.first_replied_at, EXCLUDED.first_replied_at)""", handover, at);
    }

    public static void closed(UUID handover, Instant at, String librarian, String reason) {
        Facts.update("""
                INSERT INTO handover (handover_id, closed_at, closed_by, close_reason) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (handover_id) DO UPDATE SET
                  closed_by = CASE WHEN handover.closed_at IS NULL OR EXCLUDED.closed_at < handover.closed_at
                                   THEN EXCLUDED.closed_by ELSE handover.closed_by END,
                  close_reason = CASE WHEN handover.closed_at IS NULL OR EXCLUDED.closed_at < handover.closed_at
                                      THEN EXCLUDED.close_reason ELSE handover.close_reason END,
                  closed_at = LEAST(handover.closed_at, EXCLUDED.closed_at)""", handover, at, librarian, reason);
    }

    public static void rated(UUID handover, Instant at, int rating) {
        Facts.update("""
                INSERT INTO handover (handover_id, rating, rated_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (handover_id) DO UPDATE SET
                  rating = CASE WHEN handover.rated_at IS NULL OR EXCLUDED.rated_at >= handover.rated_at
                                THEN EXCLUDED.rating ELSE handover.rating END,
                  rated_at = GREATEST(handover.rated_at, EXCLUDED.rated_at)""", handover, (short) rating, at);
    }
}
