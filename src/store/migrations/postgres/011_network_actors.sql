-- Each report's and merged event's actors as its record lists them, one row per element of its source
-- (side 0) and target (side 1) lists with its position, kept from the record by triggers on every
-- write (analysis, merge, correction): the network (src/store/network.ts) groups these rows instead of
-- reading every matching record, which cost more than counting did at 10,000 events.
CREATE TABLE report_actors (
  event_id TEXT NOT NULL,
  side INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  actor TEXT,
  name TEXT,
  iso3 TEXT,
  PRIMARY KEY (event_id, side, pos)
);
CREATE TABLE merged_actors (LIKE report_actors INCLUDING ALL);

-- the actors of a record: (side, pos, element)
CREATE FUNCTION record_actors(record JSONB) RETURNS TABLE (side INTEGER, pos INTEGER, v JSONB) LANGUAGE sql IMMUTABLE AS $$
  SELECT 0, (s.pos - 1)::int, s.v FROM jsonb_array_elements(record -> 'source') WITH ORDINALITY s(v, pos)
  UNION ALL SELECT 1, (t.pos - 1)::int, t.v FROM jsonb_array_elements(record -> 'target') WITH ORDINALITY t(v, pos)
$$;
-- TG_ARGV[0]: the actors table of the triggering table
CREATE FUNCTION record_actors_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  IF TG_OP <> 'INSERT' THEN EXECUTE format('DELETE FROM %I WHERE event_id = $1', TG_ARGV[0]) USING OLD.id; END IF;
  IF TG_OP <> 'DELETE' THEN
    EXECUTE format('INSERT INTO %I (event_id, side, pos, actor, name, iso3)
      SELECT $1, a.side, a.pos, a.v ->> ''id'', a.v ->> ''name'', a.v ->> ''iso3'' FROM record_actors($2) a', TG_ARGV[0]) USING NEW.id, NEW.record;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_actors_sync AFTER INSERT OR DELETE OR UPDATE OF id, record ON events
  FOR EACH ROW EXECUTE FUNCTION record_actors_sync('report_actors');
CREATE TRIGGER merged_actors_sync AFTER INSERT OR DELETE OR UPDATE OF id, record ON merged_events
  FOR EACH ROW EXECUTE FUNCTION record_actors_sync('merged_actors');

INSERT INTO report_actors (event_id, side, pos, actor, name, iso3)
  SELECT e.id, a.side, a.pos, a.v ->> 'id', a.v ->> 'name', a.v ->> 'iso3' FROM events e CROSS JOIN LATERAL record_actors(e.record) a;
INSERT INTO merged_actors (event_id, side, pos, actor, name, iso3)
  SELECT e.id, a.side, a.pos, a.v ->> 'id', a.v ->> 'name', a.v ->> 'iso3' FROM merged_events e CROSS JOIN LATERAL record_actors(e.record) a;
