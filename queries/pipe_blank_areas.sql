-- Purpose: the pipe-network blank areas (管网空白区) found by the end of a month, open or closed then
--   (status rules: the table macro blank_areas_as_of, queries/schema/058_status_rules.sql).
-- Grain: one row per blank area found on or before the month end.
-- Parameters: $month (first day of the month), $town_id (NULL = whole district).
-- Columns: area_id, name_zh, town_id, town_zh, town_en, found_on, closed_on, is_open, days_open, lon, lat
SELECT
    a.area_id, a.name_zh, a.town_id, t.name_zh AS town_zh, t.name_en AS town_en, a.found_on,
    CASE WHEN a.closed_on <= a.as_of THEN a.closed_on END AS closed_on,
    a.is_open,
    a.days_open,
    a.lon, a.lat
FROM blank_areas_as_of(last_day($month::DATE)) AS a
LEFT JOIN towns AS t USING (town_id)
WHERE ($town_id IS NULL OR a.town_id = $town_id)
ORDER BY a.is_open DESC, a.found_on, a.area_id
