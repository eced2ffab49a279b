-- Event pages in index order (keyset pagination by date_from, then id ascending, in either
-- direction), bounding-box filters on the event's coordinates, and the sets of events of one
-- country or actor (event_id within the key, so the index alone answers). Same indexes as SQLite's 003.
CREATE INDEX events_date_id ON events(date_from, id);
CREATE INDEX events_date_desc_id ON events(date_from DESC, id);
CREATE INDEX events_lat_lon ON events(lat, lon);
CREATE INDEX event_actors_iso3_event ON event_actors(iso3, event_id);
CREATE INDEX event_actors_entity_event ON event_actors(entity_id, event_id);
