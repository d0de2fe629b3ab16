-- Hits and time taken per Jakarta month (its first day) and value, as search_value_daily per day: the medians of
-- whole months from about 12 × 600 rows for a year instead of 365 × 340.
CREATE TABLE search_value_monthly (
    month   date    NOT NULL,
    measure char(1) NOT NULL,
    value   integer NOT NULL,
    n       bigint  NOT NULL,
    PRIMARY KEY (month, measure, value)
);

INSERT INTO search_value_monthly (month, measure, value, n)
SELECT CAST(date_trunc('month', CAST(day AS timestamp)) AS date), measure, value, sum(n)
FROM search_value_daily GROUP BY 1, 2, 3;
