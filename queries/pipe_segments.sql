-- Purpose: the pipe segments as at the end of a month, with the page's filters (status rules: the
--   table macro pipes_as_of, queries/schema/058_status_rules.sql, as the overview card counts them).
--   Kind as at the month end: combined while a once-combined segment is not yet separated (separated
--   by the month end, or recorded done with no date), else the recorded kind. Retrofit status as at
--   the month end: done once separated (or recorded done with no date), in_progress once started (or recorded in progress with no
--   date), none when recorded none, else planned.
-- Grain: one row per pipe segment.
-- Parameters: $month (first day of the month), $town_id, $pipe_kinds, $retrofit_statuses (kinds and
--   statuses as at the month end; each NULL = all).
-- Columns: pipe_id, kind, recorded_kind, was_combined, diameter_mm, length_m, town_id, town_zh, town_en,
--   road_zh, retrofit_status, retrofit_started_on, separated_on, geom_wkb (WKB, WGS-84)
WITH shaped AS (  -- status as at the month end: the table macro pipes_as_of (schema/058_status_rules.sql)
    SELECT * FROM pipes_as_of(last_day($month::DATE))
)
SELECT
    s.pipe_id, s.kind_as_of AS kind, s.kind AS recorded_kind, s.was_combined, s.diameter_mm, s.length_m,
    s.town_id, t.name_zh AS town_zh, t.name_en AS town_en, s.road_zh,
    s.retrofit_as_of AS retrofit_status,
    CASE WHEN s.retrofit_started_on <= s.as_of THEN s.retrofit_started_on END AS retrofit_started_on,
    CASE WHEN s.separated_on <= s.as_of THEN s.separated_on END AS separated_on,
    s.geom_wkb
FROM shaped AS s
LEFT JOIN towns AS t USING (town_id)
WHERE ($town_id IS NULL OR s.town_id = $town_id)
  AND ($pipe_kinds::VARCHAR[] IS NULL OR list_contains($pipe_kinds::VARCHAR[], s.kind_as_of))
  AND ($retrofit_statuses::VARCHAR[] IS NULL OR list_contains($retrofit_statuses::VARCHAR[], s.retrofit_as_of))
ORDER BY s.pipe_id
