-- Full-text index for the API's `q`: the words of an event's evidence, its actors' names and its
-- place name, nothing else of the stored record (its JSON keys and punctuation are not words). As
-- for articles (001_init), punctuation always separates words and nothing is stemmed or dropped
-- ('simple'), so the same events are found as with SQLite's events_fts and merged_fts.
CREATE FUNCTION eventwire_event_words(r jsonb) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('simple'::regconfig, regexp_replace(concat_ws(' ',
    (SELECT string_agg(x->>'text', ' ') FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r->'evidence') = 'array' THEN r->'evidence' ELSE '[]' END) x),
    (SELECT string_agg(x->>'name', ' ') FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r->'source') = 'array' THEN r->'source' ELSE '[]' END) x),
    (SELECT string_agg(x->>'name', ' ') FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r->'target') = 'array' THEN r->'target' ELSE '[]' END) x),
    r->'place'->>'name'), '[[:punct:][:space:][:cntrl:]]+', ' ', 'g'))
$$;
ALTER TABLE events ADD COLUMN search tsvector GENERATED ALWAYS AS (eventwire_event_words(record)) STORED;
ALTER TABLE merged_events ADD COLUMN search tsvector GENERATED ALWAYS AS (eventwire_event_words(record)) STORED;
CREATE INDEX events_search ON events USING GIN (search);
CREATE INDEX merged_search ON merged_events USING GIN (search);
