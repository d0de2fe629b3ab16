package org.tanyapustaka.bench.analytics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A synthetic (clearly labelled, generated) year of a large university library's events, 1 January – 31 December
 * 2025 WIB, written straight into analytics-service's fact and rollup tables with generate_series — the rows the
 * ingest path would have written for the same events (same keys, same hourly buckets, same derived tables), not
 * the events themselves (the same SQL shapes, in bulk: hourly and daily rollups, patron days and the day each patron
 * wrote before each of them, search terms and values per day and month; handovers' days and durations are generated
 * columns, as at ingest). Deterministic (setseed, no parallel workers).
 *
 * <p>Shape: 60,000 patrons with skewed activity (a few write a lot); 85 % of traffic between 07:30 and 16:30;
 * intents skewed towards catalogue search and opening hours; 5,000 distinct search phrases (Zipf-like, 18 % without
 * result); 60,000 handovers with exponential waiting and resolution times and 12 librarians; 5 % of sends refused,
 * 5 % of delivered messages failing.
 */
final class SyntheticYear {

    static final int PATRONS = 60_000;

    private final Connection db;
    private final Map<String, Long> events = new LinkedHashMap<>();

    SyntheticYear(Connection db) {
        this.db = db;
    }

    /** Loads everything for {@code scale} × the default volumes (1.0 ≈ 10,000,000 events); returns events per topic. */
    Map<String, Long> load(double scale, java.util.function.Consumer<String> progress) throws SQLException {
        long inbound = Math.round(2_500_000 * scale);
        long intents = Math.round(2_500_000 * scale);
        long commands = Math.round(1_000_000 * scale);
        long searches = Math.round(600_000 * scale);
        long handovers = Math.round(60_000 * scale);
        exec("SET TimeZone = 'UTC'");
        exec("SET max_parallel_workers_per_gather = 0");
        exec("SET work_mem = '256MB'");
        exec("SET maintenance_work_mem = '256MB'");
        exec("SELECT setseed(0.2025)");
        exec("""
                CREATE OR REPLACE FUNCTION pg_temp.library_time(day_r float8, busy_r float8, hour_r float8) RETURNS timestamptz
                LANGUAGE sql IMMUTABLE AS $$
                  SELECT timestamptz '2025-01-01 00:00:00+07' + floor(day_r * 365) * interval '1 day'
                       + CASE WHEN busy_r < 0.85 THEN 7.5 + 9 * hour_r ELSE 24 * hour_r END * interval '1 hour'
                $$""");
        exec("""
                CREATE OR REPLACE FUNCTION pg_temp.key_of(text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
                  SELECT ('x' || substr($1, 1, 16))::bit(64)::bigint
                $$""");

        progress.accept("patron messages (" + inbound + ")");
        exec("""
                INSERT INTO inbound_message_fact (event_id, patron_hash, message_type, sent_at, received_at)
                SELECT gen_random_uuid(), encode(sha256(convert_to('synthetic-patron-' || p, 'UTF8')), 'hex'),
                       CASE WHEN random() < 0.9 THEN 'text' ELSE 'interactive' END, t, t + interval '2 seconds'
                FROM (SELECT floor(%d * random() ^ 2)::int AS p, pg_temp.library_time(random(), random(), random()) AS t
                      FROM generate_series(1, %d)) AS g""".formatted(PATRONS, inbound));
        exec("""
                INSERT INTO hourly_count (metric, hour, dimension, n)
                SELECT 'message_in', date_trunc('hour', sent_at), '', count(*) FROM inbound_message_fact GROUP BY 2""");
        exec("""
                INSERT INTO patron (patron_key, first_seen)
                SELECT pg_temp.key_of(patron_hash), min(sent_at) FROM inbound_message_fact GROUP BY 1""");
        exec("""
                INSERT INTO patron_period (period_kind, period, patron_key)
                SELECT DISTINCT 'd', CAST(sent_at AT TIME ZONE 'Asia/Jakarta' AS date), pg_temp.key_of(patron_hash) FROM inbound_message_fact""");
        // The day before each patron day, as PatronActivity keeps it message by message (V3__patron_returns.sql).
        exec("""
                INSERT INTO patron_return (day, previous_day, patrons)
                SELECT period, COALESCE(previous_day, DATE '-infinity'), count(*)
                FROM (SELECT period, lag(period) OVER (PARTITION BY patron_key ORDER BY period) AS previous_day
                      FROM patron_period WHERE period_kind = 'd') AS days
                GROUP BY 1, 2""");
        events.put("whatsapp.inbound", inbound);

        progress.accept("classified intents (" + intents + ")");
        exec("""
                INSERT INTO hourly_count (metric, hour, dimension, n)
                SELECT 'intent', date_trunc('hour', t), intent, count(*)
                FROM (SELECT pg_temp.library_time(random(), random(), random()) AS t,
                             (ARRAY['catalog_search', 'opening_hours', 'greeting', 'loan_renewal', 'thanks', 'clearance',
                                    'plagiarism_check', 'loan_info', 'membership', 'menu', 'human_handover', 'fines',
                                    'thesis_deposit', 'location_facilities', 'book_suggestion', 'csat_rating', 'other'])
                               [1 + floor(17 * random() ^ 1.6)::int] AS intent
                      FROM generate_series(1, %d)) AS g
                GROUP BY 2, 3""".formatted(intents));
        events.put("conversation.events (intent_classified)", intents);

        progress.accept("outbound commands and send results (2 × " + commands + ")");
        exec("""
                CREATE TEMP TABLE synthetic_send AS
                SELECT gen_random_uuid() AS command_id,
                       (ARRAY['routing', 'routing', 'routing', 'catalog', 'catalog', 'librarian'])[1 + floor(6 * random())::int] AS origin,
                       pg_temp.library_time(random(), random(), random()) AS sent_at,
                       random() < 0.05 AS refused, random() AS r
                FROM generate_series(1, %d)""".formatted(commands));
        exec("""
                INSERT INTO outbound_message (command_id, origin, sent_at, counted)
                SELECT command_id, origin, CASE WHEN refused THEN NULL ELSE sent_at END, NOT refused FROM synthetic_send""");
        exec("""
                INSERT INTO hourly_count (metric, hour, dimension, n)
                SELECT 'message_out', date_trunc('hour', sent_at), '', count(*) FROM synthetic_send WHERE NOT refused GROUP BY 2""");
        exec("""
                INSERT INTO hourly_count (metric, hour, dimension, n)
                SELECT 'message_out_origin', date_trunc('hour', sent_at), origin, count(*) FROM synthetic_send WHERE NOT refused GROUP BY 2, 3""");
        exec("""
                INSERT INTO hourly_count (metric, hour, dimension, n)
                SELECT 'failure', date_trunc('hour', sent_at), CASE WHEN r < 0.6 THEN 'send:131047' ELSE 'send:131026' END, count(*)
                FROM synthetic_send WHERE refused GROUP BY 2, 3""");
        events.put("whatsapp.outbound", commands);
        events.put("whatsapp.sent", commands);

        progress.accept("delivery statuses");
        exec("""
                CREATE TEMP TABLE synthetic_delivery AS
                SELECT pg_temp.key_of(md5('synthetic-message-' || command_id)) AS message_key, sent_at + interval '1 second' AS first_at,
                       CASE WHEN r2 < 0.05 THEN 4 WHEN r2 < 0.37 THEN 3 WHEN r2 < 0.79 THEN 2 ELSE 1 END AS state, r2
                FROM (SELECT command_id, sent_at, random() AS r2 FROM synthetic_send WHERE NOT refused) AS s""");
        exec("INSERT INTO delivery (message_key, first_at, state) SELECT message_key, first_at, state FROM synthetic_delivery");
        exec("""
                INSERT INTO hourly_count (metric, hour, dimension, n)
                SELECT 'delivery', date_trunc('hour', first_at),
                       (ARRAY['sent', 'delivered', 'read', 'failed'])[state], count(*) FROM synthetic_delivery GROUP BY 2, 3""");
        exec("""
                INSERT INTO hourly_count (metric, hour, dimension, n)
                SELECT 'failure', date_trunc('hour', first_at + interval '5 seconds'),
                       CASE WHEN r2 < 0.0125 THEN 'status:131047' WHEN r2 < 0.0375 THEN 'status:131026' ELSE 'status:131049' END, count(*)
                FROM synthetic_delivery WHERE state = 4 GROUP BY 2, 3""");
        // sent → 1 status; delivered → sent, delivered; read → sent, delivered, read; failed → sent, failed
        events.put("whatsapp.status", single("SELECT sum(CASE state WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 3 ELSE 2 END) FROM synthetic_delivery"));

        progress.accept("catalogue searches (" + searches + ")");
        exec("""
                INSERT INTO search_fact (event_id, searched_at, terms, hits, took_ms)
                SELECT gen_random_uuid(), t, 'judul sintetis ' || n,
                       CASE WHEN n %% 11 = 3 OR n %% 7 = 5 THEN 0 ELSE 1 + floor(200 * random() ^ 3)::int END,
                       5 + floor(150 * random() ^ 2)::int
                FROM (SELECT floor(5000 * random() ^ 3)::int AS n, pg_temp.library_time(random(), random(), random()) AS t
                      FROM generate_series(1, %d)) AS g""".formatted(searches));
        exec("""
                INSERT INTO search_terms_daily (day, terms, searches, without_result)
                SELECT CAST(searched_at AT TIME ZONE 'Asia/Jakarta' AS date), terms, count(*), count(*) FILTER (WHERE hits = 0)
                FROM search_fact GROUP BY 1, 2""");
        exec("""
                INSERT INTO search_terms_monthly (month, terms, searches, without_result)
                SELECT CAST(date_trunc('month', day) AS date), terms, sum(searches), sum(without_result)
                FROM search_terms_daily GROUP BY 1, 2""");
        exec("""
                INSERT INTO search_value_daily (day, measure, value, n)
                SELECT CAST(searched_at AT TIME ZONE 'Asia/Jakarta' AS date), 'h', hits, count(*) FROM search_fact GROUP BY 1, 3
                UNION ALL
                SELECT CAST(searched_at AT TIME ZONE 'Asia/Jakarta' AS date), 't', took_ms, count(*) FROM search_fact GROUP BY 1, 3""");
        exec("""
                INSERT INTO search_value_monthly (month, measure, value, n)
                SELECT CAST(date_trunc('month', CAST(day AS timestamp)) AS date), measure, value, sum(n)
                FROM search_value_daily GROUP BY 1, 2, 3""");
        events.put("catalog.searches", searches);

        progress.accept("handovers (" + handovers + ")");
        exec("""
                INSERT INTO handover (handover_id, requested_at, request_reason, out_of_hours, queued, first_assigned_at,
                                      last_assigned_at, last_assigned_to, first_replied_at, closed_at, closed_by, close_reason,
                                      rating, rated_at)
                SELECT gen_random_uuid(), t, (ARRAY['patron_asked', 'answer_rejected', 'not_understood'])[1 + floor(3 * random())::int],
                       ooh, ooh OR random() < 0.2, t + wait, t + wait + transfer, librarian, t + wait + reply,
                       t + wait + reply + resolve, CASE WHEN idle THEN NULL ELSE librarian END,
                       CASE WHEN idle THEN 'idle_timeout' ELSE 'librarian' END,
                       CASE WHEN rated THEN (ARRAY[1, 2, 3, 4, 4, 5, 5, 5])[1 + floor(8 * random())::int] END,
                       CASE WHEN rated THEN t + wait + reply + resolve + interval '1 minute' END
                FROM (SELECT pg_temp.library_time(random(), random(), random()) AS t, random() < 0.25 AS ooh,
                             -ln(1 - random()) * interval '10 minutes' AS wait,
                             CASE WHEN random() < 0.2 THEN random() * interval '15 minutes' ELSE interval '0' END AS transfer,
                             interval '30 seconds' + random() * interval '5 minutes' AS reply,
                             -ln(1 - random()) * interval '20 minutes' AS resolve,
                             'pustakawan-' || (1 + floor(12 * random() ^ 1.5)::int) AS librarian,
                             random() < 0.1 AS idle, random() < 0.6 AS rated
                      FROM generate_series(1, %d)) AS g""".formatted(handovers));
        // requested, closed, first reply + 1.5 more replies, 1.2 assignments, queued/out_of_hours/csat as stored
        events.put("conversation.events (handovers)", single("""
                SELECT sum(1 + 1 + 2.5 + CASE WHEN last_assigned_at > first_assigned_at THEN 2 ELSE 1 END
                           + CASE WHEN out_of_hours THEN 1 ELSE 0 END + CASE WHEN queued THEN 1 ELSE 0 END
                           + CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END)::bigint FROM handover"""));

        progress.accept("daily rollup");
        exec("""
                INSERT INTO daily_count (metric, day, dimension, n)
                SELECT metric, CAST(hour AT TIME ZONE 'Asia/Jakarta' AS date), dimension, sum(n)
                FROM hourly_count GROUP BY 1, 2, 3""");

        progress.accept("VACUUM ANALYZE");
        exec("VACUUM ANALYZE");
        return events;
    }

    private void exec(String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private long single(String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
