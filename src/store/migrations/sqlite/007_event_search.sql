-- Full-text index for the API's `q`: the words of an event's evidence, its actors' names and its
-- place name, nothing else of the stored record (its JSON keys and punctuation are not words).
-- One FTS5 table per event table, keyed by the event row's rowid and kept by triggers. Diacritics
-- are kept, as PostgreSQL's 'simple' configuration keeps them, so both stores find the same events.
CREATE VIRTUAL TABLE events_fts USING fts5(words, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE merged_fts USING fts5(words, tokenize = 'unicode61 remove_diacritics 0');

-- What is indexed of a row: the same for per-article events and merged events.
CREATE VIEW events_words AS SELECT e.rowid AS id, concat_ws(' ',
    (SELECT group_concat(json_extract(x.value, '$.text'), ' ') FROM json_each(e.record, '$.evidence') x),
    (SELECT group_concat(json_extract(x.value, '$.name'), ' ') FROM json_each(e.record, '$.source') x),
    (SELECT group_concat(json_extract(x.value, '$.name'), ' ') FROM json_each(e.record, '$.target') x),
    json_extract(e.record, '$.place.name')) AS words FROM events e;
CREATE VIEW merged_words AS SELECT e.rowid AS id, concat_ws(' ',
    (SELECT group_concat(json_extract(x.value, '$.text'), ' ') FROM json_each(e.record, '$.evidence') x),
    (SELECT group_concat(json_extract(x.value, '$.name'), ' ') FROM json_each(e.record, '$.source') x),
    (SELECT group_concat(json_extract(x.value, '$.name'), ' ') FROM json_each(e.record, '$.target') x),
    json_extract(e.record, '$.place.name')) AS words FROM merged_events e;

CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
  INSERT INTO events_fts (rowid, words) SELECT id, words FROM events_words WHERE id = new.rowid;
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  DELETE FROM events_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF record ON events BEGIN
  DELETE FROM events_fts WHERE rowid = old.rowid;
  INSERT INTO events_fts (rowid, words) SELECT id, words FROM events_words WHERE id = new.rowid;
END;
INSERT INTO events_fts (rowid, words) SELECT id, words FROM events_words;

CREATE TRIGGER merged_fts_insert AFTER INSERT ON merged_events BEGIN
  INSERT INTO merged_fts (rowid, words) SELECT id, words FROM merged_words WHERE id = new.rowid;
END;
CREATE TRIGGER merged_fts_delete AFTER DELETE ON merged_events BEGIN
  DELETE FROM merged_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER merged_fts_update AFTER UPDATE OF record ON merged_events BEGIN
  DELETE FROM merged_fts WHERE rowid = old.rowid;
  INSERT INTO merged_fts (rowid, words) SELECT id, words FROM merged_words WHERE id = new.rowid;
END;
INSERT INTO merged_fts (rowid, words) SELECT id, words FROM merged_words;
