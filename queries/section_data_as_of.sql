-- Purpose: when each section's latest data were taken: the latest automatic reading (its timestamp)
--   and the latest manual sample (its date), over every parameter (item 6 of issue 12, "data as of").
-- Grain: one row per section (sections without any reading too: both columns NULL).
-- Parameters: $town_id (NULL = all).
-- Columns: section_id, name_zh, name_en, has_auto_station, last_auto_at, last_manual_on
SELECT
    s.section_id, s.name_zh, s.name_en, s.has_auto_station,
    max(coalesce(r.sampled_at, r.sampled_on::TIMESTAMP)) FILTER (WHERE r.source = 'auto') AS last_auto_at,
    max(r.sampled_on) FILTER (WHERE r.source = 'manual') AS last_manual_on
FROM sections AS s
LEFT JOIN readings AS r USING (section_id)
WHERE ($town_id IS NULL OR s.town_id = $town_id)
GROUP BY s.section_id, s.name_zh, s.name_en, s.has_auto_station
ORDER BY s.section_id
