-- A counter of changes to what the API's caches are built from (articles, their events, merged events,
-- corrections, splits), raised once per statement by triggers: re-analysing an article or splitting a
-- merged event changes no article id or count, which is all the data version read before. A sequence,
-- not a row, so that concurrent writers never wait on each other for it.
CREATE SEQUENCE data_version;
CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('data_version'); RETURN NULL; END $$;
CREATE TRIGGER data_version_articles AFTER INSERT OR UPDATE OR DELETE ON articles FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_events AFTER INSERT OR UPDATE OR DELETE ON events FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_merged_events AFTER INSERT OR UPDATE OR DELETE ON merged_events FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_corrections AFTER INSERT OR UPDATE OR DELETE ON corrections FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_merge_splits AFTER INSERT OR UPDATE OR DELETE ON merge_splits FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
