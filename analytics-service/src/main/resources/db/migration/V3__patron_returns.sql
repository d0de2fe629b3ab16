-- Unique patrons of any range, exactly, from a few rows per day instead of one row per patron.
--
-- For each Jakarta day and each patron who wrote on it, the day that patron last wrote before (previous_day;
-- '-infinity' when never: the patron's first day), counted: patron_return(day, previous_day) = how many patrons
-- wrote on day and, before it, last on previous_day. A patron who wrote in [a, b] has exactly one day in [a, b]
-- whose previous day is before a — the first one — so
--   unique patrons in [a, b] = sum(patrons) WHERE day BETWEEN a AND b AND previous_day < a
--   new patrons in [a, b]    = sum(patrons) WHERE day BETWEEN a AND b AND previous_day = '-infinity'
-- for any a and b: every bucket of a request, whole or cut by the range, in one pass over the range's rows (at most
-- about 365 × 366 / 2 for a year, however many patrons the library has). Kept at ingest: a day added between two
-- days of the same patron moves the later day's previous day to itself.
CREATE TABLE patron_return (
    day          date   NOT NULL,
    previous_day date   NOT NULL,
    patrons      bigint NOT NULL,
    PRIMARY KEY (day, previous_day)
);

-- A patron's days around a new one, at ingest.
CREATE INDEX patron_period_days_of_patron ON patron_period (patron_key, period) WHERE period_kind = 'd';

-- The days patrons wrote before this migration.
INSERT INTO patron_return (day, previous_day, patrons)
SELECT period, COALESCE(previous_day, DATE '-infinity'), count(*)
FROM (SELECT period, lag(period) OVER (PARTITION BY patron_key ORDER BY period) AS previous_day
      FROM patron_period WHERE period_kind = 'd') AS days
GROUP BY 1, 2;

-- Weeks, months and years of patrons and the count of every period are read no more (patron_return answers every
-- range): patron_period keeps the days.
DELETE FROM patron_period WHERE period_kind <> 'd';
DROP TABLE patron_count;
