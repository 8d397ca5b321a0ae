-- Purpose: the pipe-network blank areas (管网空白区) found by the end of a month, open or closed then.
-- Grain: one row per blank area found on or before the month end.
-- Parameters: $month (first day of the month), $town_id (NULL = whole district).
-- Columns: area_id, name_zh, town_id, town_zh, town_en, found_on, closed_on, is_open, days_open, lon, lat
WITH e AS (SELECT last_day($month::DATE) AS as_of)
SELECT
    a.area_id, a.name_zh, a.town_id, t.name_zh AS town_zh, t.name_en AS town_en, a.found_on,
    CASE WHEN a.closed_on <= e.as_of THEN a.closed_on END AS closed_on,
    (a.closed_on IS NULL OR a.closed_on > e.as_of) AS is_open,
    CASE WHEN a.closed_on IS NULL OR a.closed_on > e.as_of THEN datediff('day', a.found_on, e.as_of) END AS days_open,
    a.lon, a.lat
FROM network_blank_areas AS a
CROSS JOIN e
LEFT JOIN towns AS t USING (town_id)
WHERE a.found_on <= e.as_of AND ($town_id IS NULL OR a.town_id = $town_id)
ORDER BY is_open DESC, a.found_on, a.area_id
