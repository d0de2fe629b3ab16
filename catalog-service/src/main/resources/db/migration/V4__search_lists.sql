-- Bounded candidates for queries made only of frequent words (issue 4, bench/RESULTS.md). A lexeme is frequent
-- when more records have it than the configured cap; for each frequent lexeme, catalog_lexeme_top keeps its best
-- records by static rank: the lexeme's weighted rank in that record alone, as the search ranks a record
-- (ts_rank_cd with the search's weights, divided by the log of the record's length). The lists are rebuilt
-- after each import job and on a schedule (SearchLists); the records whose search vector changed since the last
-- rebuild are listed in catalog_search_change and searched through the live index, so none is missed.

-- How many records had the lexeme at the last rebuild (NULL: not counted yet, so not frequent).
ALTER TABLE catalog_lexeme ADD COLUMN records integer;

CREATE TABLE catalog_lexeme_top (
    lexeme      text   NOT NULL,
    record_id   bigint NOT NULL,
    static_rank real   NOT NULL,
    PRIMARY KEY (lexeme, record_id)
);

-- Records inserted, or whose search vector changed, since the last rebuild (one row per change; the rebuild
-- deletes the rows its snapshot saw). A deleted record needs no row: the search joins bib_record, so it is gone.
CREATE TABLE catalog_search_change (
    seq       bigserial PRIMARY KEY,
    record_id bigint NOT NULL
);

CREATE FUNCTION bib_record_search_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.search_vector = OLD.search_vector THEN
        RETURN NULL;
    END IF;
    INSERT INTO catalog_search_change (record_id) VALUES (NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER bib_record_search_change AFTER INSERT OR UPDATE ON bib_record
    FOR EACH ROW EXECUTE FUNCTION bib_record_search_change();

-- A lexeme as a query of its own: quoted tsquery input, so that no dictionary parses it again.
CREATE FUNCTION catalog_lexeme_query(text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT ('''' || replace(replace($1, '\', '\\'), '''', '''''') || '''')::tsquery $$;

-- Rebuilds the counts and the lists from one snapshot. The caller runs it in a REPEATABLE READ transaction, so
-- that the changes it deletes from catalog_search_change are exactly those its snapshot of bib_record includes;
-- changes committed meanwhile stay for the next rebuild. Returns the number of frequent lexemes.
CREATE FUNCTION catalog_rebuild_search_lists(cap integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    frequent integer;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('catalog_rebuild_search_lists'));
    SET LOCAL work_mem = '256MB';
    -- One pass over every (lexeme, record): each lexeme's count, and its best records by static rank. The sort
    -- compares lexemes byte-wise, which is all a partition needs.
    CREATE TEMP TABLE search_list_top ON COMMIT DROP AS
        SELECT lexeme, record_id, static_rank, records
        FROM (SELECT lexeme, record_id, static_rank,
                     row_number() OVER (PARTITION BY lexeme COLLATE "C" ORDER BY static_rank DESC, record_id) AS n,
                     count(*) OVER (PARTITION BY lexeme COLLATE "C") AS records
              FROM (SELECT u.lexeme, r.id AS record_id,
                           ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', r.search_vector, catalog_lexeme_query(u.lexeme), 1)
                               AS static_rank
                    FROM bib_record r, unnest(r.search_vector) AS u) AS pairs) AS ranked
        WHERE n <= cap;
    UPDATE catalog_lexeme l SET records = c.records
    FROM (SELECT l2.lexeme, coalesce(t.records, 0)::integer AS records
          FROM catalog_lexeme l2
          LEFT JOIN (SELECT DISTINCT lexeme, records FROM search_list_top) AS t ON t.lexeme = l2.lexeme) AS c
    WHERE c.lexeme = l.lexeme AND l.records IS DISTINCT FROM c.records;
    DELETE FROM catalog_lexeme_top;
    INSERT INTO catalog_lexeme_top (lexeme, record_id, static_rank)
    SELECT lexeme, record_id, static_rank FROM search_list_top WHERE records > cap
    ORDER BY lexeme, static_rank DESC;
    DELETE FROM catalog_search_change;
    SELECT count(DISTINCT lexeme) INTO frequent FROM search_list_top WHERE records > cap;
    ANALYZE catalog_lexeme_top;
    RETURN frequent;
END $$;
