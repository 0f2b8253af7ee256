-- Substring search for Chinese names: trigram indexes cannot serve the two-character queries
-- people type most (黄平, 人民), so names are indexed by their character bigrams (as pg_bigm does),
-- and a LIKE recheck keeps the result exact.
CREATE OR REPLACE FUNCTION name_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i $$;
