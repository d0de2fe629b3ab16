-- Word variants the Indonesian stemmer misses, looked up in catalog_word by index:
-- the old (pre-1972) spelling of names and words ("Koentjaraningrat" = "kuncaraningrat", "Moeljatno" = "mulyatno",
-- "Soekarno" = "sukarno"): both sides compared by their new-spelling key;
-- longer and shorter forms of a long word ("ekonometrik" / "ekonometrika"): by prefix.
CREATE FUNCTION catalog_spelling_key(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT replace(replace(replace(replace(replace(replace($1,
                 'oe', 'u'), 'tj', 'c'), 'dj', '#'), 'ch', 'kh'), 'j', 'y'), '#', 'j') $$;

CREATE INDEX catalog_word_spelling ON catalog_word (catalog_spelling_key(word));
CREATE INDEX catalog_word_prefix ON catalog_word (word text_pattern_ops);
