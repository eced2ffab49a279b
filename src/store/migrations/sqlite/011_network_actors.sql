-- Each report's and merged event's actors as its record lists them, one row per element of its source
-- (side 0) and target (side 1) lists with its position, kept from the record by triggers on every
-- write (analysis, merge, correction): the network (src/store/network.ts) groups these rows instead of
-- parsing every matching record, which cost more than counting did at 10,000 events.
CREATE TABLE report_actors (
  event_id TEXT NOT NULL,
  side INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  actor TEXT,
  name TEXT,
  iso3 TEXT,
  PRIMARY KEY (event_id, side, pos)
) WITHOUT ROWID;
CREATE TABLE merged_actors (
  event_id TEXT NOT NULL,
  side INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  actor TEXT,
  name TEXT,
  iso3 TEXT,
  PRIMARY KEY (event_id, side, pos)
) WITHOUT ROWID;

-- The insert triggers clear the id first: a row replaced by INSERT OR REPLACE fires no delete trigger.
CREATE TRIGGER report_actors_insert AFTER INSERT ON events BEGIN
  DELETE FROM report_actors WHERE event_id = new.id;
  INSERT INTO report_actors (event_id, side, pos, actor, name, iso3)
    SELECT new.id, CASE l.key WHEN 'source' THEN 0 ELSE 1 END, j.key, j.value ->> '$.id', j.value ->> '$.name', j.value ->> '$.iso3'
    FROM json_each(new.record) l, json_each(l.value) j WHERE l.key IN ('source', 'target');
END;
CREATE TRIGGER report_actors_update AFTER UPDATE OF id, record ON events BEGIN
  DELETE FROM report_actors WHERE event_id = old.id;
  DELETE FROM report_actors WHERE event_id = new.id;
  INSERT INTO report_actors (event_id, side, pos, actor, name, iso3)
    SELECT new.id, CASE l.key WHEN 'source' THEN 0 ELSE 1 END, j.key, j.value ->> '$.id', j.value ->> '$.name', j.value ->> '$.iso3'
    FROM json_each(new.record) l, json_each(l.value) j WHERE l.key IN ('source', 'target');
END;
CREATE TRIGGER report_actors_delete AFTER DELETE ON events BEGIN
  DELETE FROM report_actors WHERE event_id = old.id;
END;

CREATE TRIGGER merged_actors_insert AFTER INSERT ON merged_events BEGIN
  DELETE FROM merged_actors WHERE event_id = new.id;
  INSERT INTO merged_actors (event_id, side, pos, actor, name, iso3)
    SELECT new.id, CASE l.key WHEN 'source' THEN 0 ELSE 1 END, j.key, j.value ->> '$.id', j.value ->> '$.name', j.value ->> '$.iso3'
    FROM json_each(new.record) l, json_each(l.value) j WHERE l.key IN ('source', 'target');
END;
CREATE TRIGGER merged_actors_update AFTER UPDATE OF id, record ON merged_events BEGIN
  DELETE FROM merged_actors WHERE event_id = old.id;
  DELETE FROM merged_actors WHERE event_id = new.id;
  INSERT INTO merged_actors (event_id, side, pos, actor, name, iso3)
    SELECT new.id, CASE l.key WHEN 'source' THEN 0 ELSE 1 END, j.key, j.value ->> '$.id', j.value ->> '$.name', j.value ->> '$.iso3'
    FROM json_each(new.record) l, json_each(l.value) j WHERE l.key IN ('source', 'target');
END;
CREATE TRIGGER merged_actors_delete AFTER DELETE ON merged_events BEGIN
  DELETE FROM merged_actors WHERE event_id = old.id;
END;

INSERT INTO report_actors (event_id, side, pos, actor, name, iso3)
  SELECT e.id, CASE l.key WHEN 'source' THEN 0 ELSE 1 END, j.key, j.value ->> '$.id', j.value ->> '$.name', j.value ->> '$.iso3'
  FROM events e, json_each(e.record) l, json_each(l.value) j WHERE l.key IN ('source', 'target');
INSERT INTO merged_actors (event_id, side, pos, actor, name, iso3)
  SELECT e.id, CASE l.key WHEN 'source' THEN 0 ELSE 1 END, j.key, j.value ->> '$.id', j.value ->> '$.name', j.value ->> '$.iso3'
  FROM merged_events e, json_each(e.record) l, json_each(l.value) j WHERE l.key IN ('source', 'target');
