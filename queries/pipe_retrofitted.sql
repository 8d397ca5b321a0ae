-- Purpose: the pipe segments separated (雨污分流改造完成) within a period.
-- Grain: one row per segment with separated_on between $start and $end.
-- Parameters: $start, $end (dates, inclusive), $town_id (NULL = whole district).
-- Columns: pipe_id, town_id, town_zh, town_en, road_zh, kind, diameter_mm, length_m, retrofit_started_on,
--   separated_on, geom_wkb (WKB, WGS-84)
SELECT
    p.pipe_id, p.town_id, t.name_zh AS town_zh, t.name_en AS town_en, p.road_zh, p.kind,
    p.diameter_mm, p.length_m, p.retrofit_started_on, p.separated_on, p.geom_wkb
FROM pipes AS p
LEFT JOIN towns AS t USING (town_id)
WHERE p.separated_on BETWEEN $start::DATE AND $end::DATE
  AND ($town_id IS NULL OR p.town_id = $town_id)
ORDER BY p.separated_on, p.pipe_id
