-- Purpose: the black-odorous water-body ledger (黑臭水体台账) as at a date: every body found by then,
--   urban or rural, township, its status derived from its dates (found -> rectifying -> cleared ->
--   closed out 销号; dates after $as_of are not shown; the table macro water_bodies_as_of of
--   queries/schema/058_status_rules.sql), whether it is still open (not closed out),
--   and its latest grading (1 not black-odorous, 2 light, 3 heavy) from the latest monitoring round,
--   by the table macro black_odorous_round (queries/schema/055_black_odorous.sql; thresholds and
--   roll-ups in the header of black_odorous_readings.sql).
-- Grain: one row per water body found on or before $as_of.
-- Parameters: $as_of (date), $window_days (length of a round in days), $town_id (NULL = all).
-- Columns: body_id, name_zh, name_en, kind, town_id, town_zh, town_en, status, is_open, found_on,
--   rectify_started_on, cleared_on, closed_on, length_m, lon, lat, last_inspected_on, round_started_on,
--   n_points, n_heavy_points, max_heavy_run, grade
WITH round AS (
    SELECT body_id, min(inspected_on) AS round_started_on, max(inspected_on) AS last_inspected_on,
           any_value(n_points) AS n_points, any_value(n_heavy_points) AS n_heavy_points,
           any_value(max_heavy_run) AS max_heavy_run, any_value(body_grade) AS body_grade
    FROM black_odorous_round($as_of, $window_days, $town_id)
    GROUP BY body_id
)
SELECT
    b.body_id, b.name_zh, b.name_en, b.kind, b.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
    b.status_as_of AS status,
    b.is_open,
    b.found_on,
    CASE WHEN b.rectify_started_on <= $as_of::DATE THEN b.rectify_started_on END AS rectify_started_on,
    CASE WHEN b.cleared_on <= $as_of::DATE THEN b.cleared_on END AS cleared_on,
    CASE WHEN b.closed_on <= $as_of::DATE THEN b.closed_on END AS closed_on,
    b.length_m, b.lon, b.lat,
    r.last_inspected_on, r.round_started_on,
    r.n_points, r.n_heavy_points, r.max_heavy_run, r.body_grade AS grade
FROM water_bodies_as_of($as_of) AS b
LEFT JOIN towns AS t USING (town_id)
LEFT JOIN round AS r USING (body_id)
WHERE ($town_id IS NULL OR b.town_id = $town_id)
ORDER BY is_open DESC, b.kind DESC, b.found_on, b.body_id
