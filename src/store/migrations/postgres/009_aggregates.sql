-- What the timeline and the map group by, in indexes of their own (src/store/eventsql.ts countByDay,
-- mapGroups), as in SQLite's 009; the map's holds the place's precision as the query computes it from
-- the record.
CREATE INDEX merged_day_type ON merged_events(date_from, type);
CREATE INDEX merged_map ON merged_events(lat, lon, type, (record -> 'place' ->> 'featureType'), date_from, id, place_name);
CREATE INDEX events_day_type ON events(date_from, type, article_id);
