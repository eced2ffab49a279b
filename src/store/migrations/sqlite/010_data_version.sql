-- A counter of changes to what the API's caches are built from (articles, their events, merged events,
-- corrections, splits), raised by triggers: re-analysing an article or splitting a merged event changes
-- no article id or count, which is all the data version read before.
CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO data_version (id, n) VALUES (1, 0);
CREATE TRIGGER data_version_articles_insert AFTER INSERT ON articles BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_articles_update AFTER UPDATE ON articles BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_articles_delete AFTER DELETE ON articles BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_events_insert AFTER INSERT ON events BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_events_update AFTER UPDATE ON events BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_events_delete AFTER DELETE ON events BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_merged_events_insert AFTER INSERT ON merged_events BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_merged_events_update AFTER UPDATE ON merged_events BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_merged_events_delete AFTER DELETE ON merged_events BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_corrections_insert AFTER INSERT ON corrections BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_corrections_update AFTER UPDATE ON corrections BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_corrections_delete AFTER DELETE ON corrections BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_merge_splits_insert AFTER INSERT ON merge_splits BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_merge_splits_update AFTER UPDATE ON merge_splits BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER data_version_merge_splits_delete AFTER DELETE ON merge_splits BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
