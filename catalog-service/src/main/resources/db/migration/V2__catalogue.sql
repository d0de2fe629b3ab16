-- The catalogue: bibliographic records and their copies, searchable with PostgreSQL full-text search
-- (indonesian, english and simple configurations over unaccented text) and pg_trgm for typos.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE; wrapped with its dictionary named it can be used in indexes.
CREATE FUNCTION catalog_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Lower-cased, unaccented, single-spaced: how titles and names are compared.
CREATE FUNCTION catalog_normalize(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT btrim(regexp_replace(lower(catalog_unaccent($1)), '[^[:alnum:]]+', ' ', 'g')) $$;

CREATE TABLE bib_record (
    id            bigserial PRIMARY KEY,
    source        text        NOT NULL,
    source_id     text,
    title         text        NOT NULL,
    subtitle      text,
    authors       text[]      NOT NULL DEFAULT '{}',
    publisher     text,
    place         text,
    year          integer,
    isbns         text[]      NOT NULL DEFAULT '{}',
    language      text,
    subjects      text[]      NOT NULL DEFAULT '{}',
    call_number   text,
    summary       text,
    title_key     text        NOT NULL,
    search_vector tsvector    NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX bib_record_source ON bib_record (source, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX bib_record_search ON bib_record USING gin (search_vector);
CREATE INDEX bib_record_isbns ON bib_record USING gin (isbns);
CREATE INDEX bib_record_title_key ON bib_record (title_key);

-- Title words weigh most (A), then authors (B), subjects (C), summary and publisher (D).
CREATE FUNCTION bib_record_index() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    title_text   text := catalog_unaccent(coalesce(NEW.title, '') || ' ' || coalesce(NEW.subtitle, ''));
    author_text  text := catalog_unaccent(array_to_string(NEW.authors, ' '));
    subject_text text := catalog_unaccent(array_to_string(NEW.subjects, ' '));
    other_text   text := catalog_unaccent(coalesce(NEW.summary, '') || ' ' || coalesce(NEW.publisher, ''));
BEGIN
    NEW.title_key := catalog_normalize(NEW.title);
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

CREATE TRIGGER bib_record_index BEFORE INSERT OR UPDATE ON bib_record
    FOR EACH ROW EXECUTE FUNCTION bib_record_index();

CREATE TABLE copy (
    id          bigserial PRIMARY KEY,
    record_id   bigint      NOT NULL REFERENCES bib_record (id) ON DELETE CASCADE,
    barcode     text        NOT NULL UNIQUE,
    call_number text,
    location    text,
    status      text        NOT NULL DEFAULT 'AVAILABLE'
                CHECK (status IN ('AVAILABLE', 'ON_LOAN', 'RESERVED', 'LOST', 'IN_PROCESSING')),
    due_date    date
);

CREATE INDEX copy_record ON copy (record_id);

-- Every word of titles, authors and subjects, for typo correction ("pemograman" → "pemrograman").
CREATE TABLE catalog_word (
    word text PRIMARY KEY
);

CREATE INDEX catalog_word_trgm ON catalog_word USING gin (word gin_trgm_ops);

CREATE FUNCTION bib_record_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO catalog_word (word)
    SELECT DISTINCT w FROM regexp_split_to_table(catalog_normalize(
            coalesce(NEW.title, '') || ' ' || coalesce(NEW.subtitle, '') || ' ' ||
            array_to_string(NEW.authors, ' ') || ' ' || array_to_string(NEW.subjects, ' ')), ' ') AS w
    WHERE length(w) >= 3
    ON CONFLICT (word) DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER bib_record_words AFTER INSERT OR UPDATE ON bib_record
    FOR EACH ROW EXECUTE FUNCTION bib_record_words();

-- Imports: asynchronous jobs with progress and a per-record error report.
CREATE TABLE import_job (
    id           uuid PRIMARY KEY,
    kind         text        NOT NULL,
    description  text,
    state        text        NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    read_count   integer     NOT NULL DEFAULT 0,
    imported     integer     NOT NULL DEFAULT 0,
    updated      integer     NOT NULL DEFAULT 0,
    deleted      integer     NOT NULL DEFAULT 0,
    failed       integer     NOT NULL DEFAULT 0,
    error        text,
    started_by   text,
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz
);

CREATE TABLE import_failure (
    job_id    uuid    NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    source_id text,
    reason    text    NOT NULL,
    PRIMARY KEY (job_id, position)
);

-- OAI-PMH sources and where their last harvest ended (for incremental harvests).
CREATE TABLE harvest_source (
    base_url        text PRIMARY KEY,
    metadata_prefix text NOT NULL,
    set_spec        text,
    last_datestamp  text,
    last_harvest_at timestamptz
);

-- What each patron's catalogue question found, so that "lagi" and a number can refer to it.
CREATE TABLE catalog_query_log (
    id          uuid PRIMARY KEY,
    wa_id       text        NOT NULL,
    query_text  text        NOT NULL,
    language    text        NOT NULL,
    page        integer     NOT NULL,
    first_number integer    NOT NULL,
    result_ids  bigint[]    NOT NULL,
    total       integer     NOT NULL,
    created_at  timestamptz NOT NULL
);
