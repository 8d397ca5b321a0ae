-- Purpose: the monitoring sections with their river and township names (pickers, labels).
-- Grain: one row per section.
-- Parameters: $town_id (NULL = all).
-- Columns: section_id, name_zh, name_en, river_id, river_zh, river_en, town_id, town_zh, town_en,
--   control_level, water_body_type, target_class, is_assessment, is_drinking_source,
--   excluded_parameters, has_auto_station, lon, lat
SELECT
    s.section_id, s.name_zh, s.name_en,
    s.river_id, r.name_zh AS river_zh, r.name_en AS river_en,
    s.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
    s.control_level, s.water_body_type, s.target_class, s.is_assessment, s.is_drinking_source,
    array_to_string(s.excluded_parameters, ';') AS excluded_parameters,
    s.has_auto_station, s.lon, s.lat
FROM sections AS s
LEFT JOIN rivers AS r USING (river_id)
LEFT JOIN towns AS t USING (town_id)
WHERE ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY CASE s.control_level WHEN 'national' THEN 1 WHEN 'provincial' THEN 2 WHEN 'city' THEN 3 ELSE 4 END,
         r.rowid NULLS LAST, t.rowid, s.section_id
