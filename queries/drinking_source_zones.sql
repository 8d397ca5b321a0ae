-- Purpose: the protection zones of the drinking-water sources (polygons) for the map and the risk check.
-- Grain: one row per zone.
-- Parameters: $town_id (NULL = all; the township of the zone's source).
-- Columns: zone_id, source_id, zone_level, name_zh, name_en, geom_wkb
SELECT z.zone_id, z.source_id, z.zone_level, s.name_zh, s.name_en, z.geom_wkb
FROM drinking_source_zones AS z
JOIN drinking_sources AS s USING (source_id)
WHERE $town_id IS NULL OR s.town_id = $town_id
ORDER BY z.source_id, CASE z.zone_level WHEN 'first' THEN 1 ELSE 2 END, z.zone_id
