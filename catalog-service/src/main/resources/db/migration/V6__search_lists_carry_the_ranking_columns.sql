-- The lists carry what the bounded search filters and scores on (issue 4, bench/RESULTS.md): the search vector,
-- the title key, the author keys and the year that breaks ties. A bounded search then reads one lexeme's list as a
-- few contiguous pages (the rebuild writes each list in one piece) instead of reading 1,000 records at random
-- from bib_record. A list row is a copy as of the last rebuild: every record inserted, changed in one of these
-- columns, or deleted since then is logged in catalog_search_change, and the search skips its list rows and reads
-- it live from bib_record. Copies (and so availability) are always read live.

CREATE TABLE catalog_lexeme_top_next (
    lexeme        text     NOT NULL,
    record_id     bigint   NOT NULL,
    static_rank   real     NOT NULL,
    year          integer,
    title_key     text     NOT NULL,
    author_keys   text[]   NOT NULL,
    search_vector tsvector NOT NULL
);
-- Compressed in the row rather than moved to TOAST, so that a list stays in its own pages.
ALTER TABLE catalog_lexeme_top_next ALTER COLUMN search_vector SET STORAGE MAIN;

INSERT INTO catalog_lexeme_top_next
SELECT t.lexeme, t.record_id, t.static_rank, r.year, r.title_key, r.author_keys, r.search_vector
FROM catalog_lexeme_top t JOIN bib_record r ON r.id = t.record_id
ORDER BY t.lexeme COLLATE "C", t.static_rank DESC, t.record_id;
ALTER TABLE catalog_lexeme_top_next ADD CONSTRAINT catalog_lexeme_top_next_pkey PRIMARY KEY (lexeme, record_id);
DROP TABLE catalog_lexeme_top;
ALTER TABLE catalog_lexeme_top_next RENAME TO catalog_lexeme_top;
ALTER INDEX catalog_lexeme_top_next_pkey RENAME TO catalog_lexeme_top_pkey;

-- Deletions are logged too now (a listed record that is gone must not be found from its copy), and so is an update
-- of a column the lists copy, whether or not the search vector changed.
CREATE OR REPLACE FUNCTION bib_record_search_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO catalog_search_change (record_id) VALUES (OLD.id);
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.search_vector = OLD.search_vector AND NEW.title_key = OLD.title_key
            AND NEW.author_keys = OLD.author_keys AND NEW.year IS NOT DISTINCT FROM OLD.year THEN
        RETURN NULL;
    END IF;
    INSERT INTO catalog_search_change (record_id) VALUES (NEW.id);
    RETURN NULL;
END $$;

DROP TRIGGER bib_record_search_change ON bib_record;
CREATE TRIGGER bib_record_search_change AFTER INSERT OR UPDATE OR DELETE ON bib_record
    FOR EACH ROW EXECUTE FUNCTION bib_record_search_change();

-- Before V6 deletions were not logged; the copies above were joined with bib_record, so none is of a deleted record.

-- Rebuilds the counts and the lists from one snapshot (the caller runs it in a REPEATABLE READ transaction, so
-- that the changes it deletes from catalog_search_change are exactly those its snapshot of bib_record includes;
-- changes committed meanwhile stay for the next rebuild). The new lists are written into a table of their own,
-- one lexeme after the other, and swapped in at the end: searches keep reading the old lists meanwhile, and wait
-- only for the swap (a rename, at commit). Returns the number of frequent lexemes.
CREATE OR REPLACE FUNCTION catalog_rebuild_search_lists(cap integer) RETURNS integer LANGUAGE plpgsql AS $$
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

    DROP TABLE IF EXISTS catalog_lexeme_top_next;
    CREATE TABLE catalog_lexeme_top_next (LIKE catalog_lexeme_top INCLUDING STORAGE INCLUDING COMPRESSION);
    INSERT INTO catalog_lexeme_top_next
    SELECT t.lexeme, t.record_id, t.static_rank, r.year, r.title_key, r.author_keys, r.search_vector
    FROM search_list_top t JOIN bib_record r ON r.id = t.record_id
    WHERE t.records > cap
    ORDER BY t.lexeme COLLATE "C", t.static_rank DESC, t.record_id;
    ALTER TABLE catalog_lexeme_top_next ADD CONSTRAINT catalog_lexeme_top_next_pkey PRIMARY KEY (lexeme, record_id);
    ANALYZE catalog_lexeme_top_next;
    SELECT count(DISTINCT lexeme) INTO frequent FROM search_list_top WHERE records > cap;
    DELETE FROM catalog_search_change;
    -- The swap, last: from here to the commit, searches wait for the lists.
    DROP TABLE catalog_lexeme_top;
    ALTER TABLE catalog_lexeme_top_next RENAME TO catalog_lexeme_top;
    ALTER INDEX catalog_lexeme_top_next_pkey RENAME TO catalog_lexeme_top_pkey;
    RETURN frequent;
END $$;
