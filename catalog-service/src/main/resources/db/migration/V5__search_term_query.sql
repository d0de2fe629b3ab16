-- A term's full-text query: its simple, indonesian and english forms, each once. The search wrote the three
-- side by side, and they are often the same lexeme ('hukum' | 'hukum' | 'hukum'); matching is the same either
-- way, and so is ts_rank_cd, but ranking a record costs twice as long with the duplicates (bench/RESULTS.md).
CREATE FUNCTION catalog_term_query(text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$
    SELECT CASE WHEN i = s AND e = s THEN s
                WHEN i = s OR i = e THEN s || e
                WHEN e = s THEN s || i
                ELSE s || i || e END
    FROM (SELECT plainto_tsquery('simple', catalog_unaccent($1)) AS s,
                 plainto_tsquery('indonesian', catalog_unaccent($1)) AS i,
                 plainto_tsquery('english', catalog_unaccent($1)) AS e) AS forms
    $$;
