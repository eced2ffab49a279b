-- What the timeline and the map group by, in indexes of their own (src/store/eventsql.ts countByDay,
-- mapGroups): without filters, the database counts them from the index alone instead of reading every
-- row with its record. The map's index holds the place's precision as the query computes it from the
-- record (the same expression, so that the planner matches it).
CREATE INDEX merged_day_type ON merged_events(date_from, type);
CREATE INDEX merged_map ON merged_events(lat, lon, type, json_extract(record, '$.place.featureType'), date_from, id, place_name);
CREATE INDEX events_day_type ON events(date_from, type, article_id);
