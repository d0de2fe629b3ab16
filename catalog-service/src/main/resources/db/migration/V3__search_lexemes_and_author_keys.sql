-- Catalogue search at a million records (issue 4, bench/RESULTS.md): whether a word is in the catalogue is a
-- lookup in catalog_lexeme rather than a probe of bib_record, and the exact-author test compares precomputed
-- keys rather than normalising every author of every candidate.

-- Every lexeme of every search vector. A word the catalogue lacks is one index lookup here; on bib_record,
-- PostgreSQL estimates thousands of rows for a lexeme it has no statistics for and scans the whole table.
-- Like catalog_word, it may keep lexemes of deleted records: the search then finds nothing, as it should.
CREATE TABLE catalog_lexeme (
    lexeme text PRIMARY KEY
);

CREATE FUNCTION bib_record_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.search_vector = OLD.search_vector THEN
        RETURN NULL;
    END IF;
    INSERT INTO catalog_lexeme (lexeme)
    SELECT DISTINCT l FROM unnest(tsvector_to_array(NEW.search_vector)) AS l
    ON CONFLICT (lexeme) DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER bib_record_lexemes AFTER INSERT OR UPDATE ON bib_record
    FOR EACH ROW EXECUTE FUNCTION bib_record_lexemes();

-- The names a patron's phrase is compared with: each author normalised, as written ("Hirata, Andrea") and in
-- the order people say it ("Andrea Hirata").
CREATE FUNCTION catalog_author_keys(text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$
    SELECT coalesce(array_agg(DISTINCT k) FILTER (WHERE k <> ''), '{}')
    FROM unnest($1) AS a(name),
         LATERAL (VALUES (catalog_normalize(a.name)),
                         (catalog_normalize(split_part(a.name, ',', 2) || ' ' || split_part(a.name, ',', 1)))) AS keys(k)
    $$;

ALTER TABLE bib_record ADD COLUMN author_keys text[] NOT NULL DEFAULT '{}';

-- V2's indexing trigger, plus the author keys.
CREATE OR REPLACE FUNCTION bib_record_index() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    title_text   text := catalog_unaccent(coalesce(NEW.title, '') || ' ' || coalesce(NEW.subtitle, ''));
    author_text  text := catalog_unaccent(array_to_string(NEW.authors, ' '));
    subject_text text := catalog_unaccent(array_to_string(NEW.subjects, ' '));
    other_text   text := catalog_unaccent(coalesce(NEW.summary, '') || ' ' || coalesce(NEW.publisher, ''));
BEGIN
    NEW.title_key := catalog_normalize(NEW.title);
    NEW.author_keys := catalog_author_keys(NEW.authors);
    NEW.search_vector :=
        setweight(to_tsvector('simple', title_text), 'A') ||
        setweight(to_tsvector('indonesian', title_text), 'A') ||
        setweight(to_tsvector('english', title_text), 'A') ||
        setweight(to_tsvector('simple', author_text), 'B') ||
        setweight(to_tsvector('simple', subject_text), 'C') ||
        setweight(to_tsvector('indonesian', subject_text), 'C') ||
        setweight(to_tsvector('english', subject_text), 'C') ||
        setweight(to_tsvector('indonesian', other_text), 'D') ||
        setweight(to_tsvector('english', other_text), 'D');
    NEW.updated_at := now();
    RETURN NEW;
END $$;

-- Backfill the records already there. The user triggers are off meanwhile, so that updated_at and the search
-- vectors stay as they were.
ALTER TABLE bib_record DISABLE TRIGGER USER;
UPDATE bib_record SET author_keys = catalog_author_keys(authors) WHERE cardinality(authors) > 0;
ALTER TABLE bib_record ENABLE TRIGGER USER;

INSERT INTO catalog_lexeme (lexeme)
SELECT DISTINCT l FROM bib_record, unnest(tsvector_to_array(search_vector)) AS l
ON CONFLICT (lexeme) DO NOTHING;
