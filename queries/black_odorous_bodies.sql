-- Purpose: the black-odorous water-body ledger (黑臭水体台账) as at a date: every body found by then,
--   urban or rural, township, its status derived from its dates (found -> rectifying -> cleared ->
--   closed out 销号; dates after $as_of are not shown), whether it is still open (not closed out),
--   and its latest grading (1 not black-odorous, 2 light, 3 heavy) from the latest monitoring round,
--   by exactly the rules of black_odorous_readings.sql (same CTEs; see its header for the thresholds
--   and roll-ups; tests/test_black_odorous.py keeps the two equal).
-- Grain: one row per water body found on or before $as_of.
-- Parameters: $as_of (date), $window_days (length of a round in days), $town_id (NULL = all).
-- Columns: body_id, name_zh, name_en, kind, town_id, town_zh, town_en, status, is_open, found_on,
--   rectify_started_on, cleared_on, closed_on, length_m, lon, lat, last_inspected_on, round_started_on,
--   n_points, n_heavy_points, max_heavy_run, grade
WITH lim AS (
    SELECT l.parameter, p.direction, p.decimals,
           max(l.limit_value) FILTER (WHERE l.class = 1) AS b1,
           max(l.limit_value) FILTER (WHERE l.class = 2) AS b2
    FROM standard_limits AS l
    JOIN parameters AS p ON p.code = l.parameter
    WHERE l.standard = 'BLACK_ODOROUS_2015'
    GROUP BY l.parameter, p.direction, p.decimals
),
latest AS (
    SELECT i.body_id, max(i.inspected_on) AS last_on
    FROM water_body_inspections AS i
    JOIN water_bodies AS b USING (body_id)
    WHERE i.inspected_on <= $as_of::DATE AND ($town_id IS NULL OR b.town_id = $town_id)
    GROUP BY i.body_id
),
win AS (
    SELECT i.*
    FROM water_body_inspections AS i
    JOIN latest AS l USING (body_id)
    WHERE i.inspected_on > l.last_on - $window_days::INTEGER AND i.inspected_on <= l.last_on
),
long AS (
    SELECT body_id, inspected_on, point_no, depth_cm, 'transparency' AS indicator, transparency_cm AS value FROM win
    UNION ALL SELECT body_id, inspected_on, point_no, depth_cm, 'do', do_mg_l FROM win
    UNION ALL SELECT body_id, inspected_on, point_no, depth_cm, 'orp', orp_mv FROM win
    UNION ALL SELECT body_id, inspected_on, point_no, depth_cm, 'nh3n', nh3n_mg_l FROM win
),
graded AS (
    SELECT x.*, b1_used,
           CASE WHEN lim.direction = 'le'
                THEN CASE WHEN gv <= b1_used THEN 1 WHEN gv <= lim.b2 THEN 2 ELSE 3 END
                ELSE CASE WHEN gv >= b1_used THEN 1 WHEN gv >= lim.b2 THEN 2 ELSE 3 END
           END AS grade
    FROM long AS x
    JOIN lim ON lim.parameter = x.indicator,
    LATERAL (SELECT grade_round(x.value, lim.decimals) AS gv,
                    CASE WHEN x.indicator = 'transparency' AND x.depth_cm < 25 THEN x.depth_cm * 2 / 5
                         ELSE lim.b1 END AS b1_used)
    WHERE x.value IS NOT NULL
),
per_indicator AS (
    SELECT body_id, point_no, indicator, count(*) AS n, count(*) FILTER (WHERE grade = 3) AS n_heavy,
           count(*) FILTER (WHERE grade >= 2) AS n_black
    FROM graded
    GROUP BY body_id, point_no, indicator
),
points AS (
    SELECT body_id, point_no,
           CASE WHEN bool_or(10 * n_heavy >= 6 * n)
                  OR count(*) FILTER (WHERE n_heavy > 0 AND 10 * n_heavy >= 3 * n) >= 2 THEN 3
                WHEN sum(n_black) > 0 THEN 2
                ELSE 1 END AS point_grade
    FROM per_indicator
    GROUP BY body_id, point_no
),
runs AS (
    SELECT body_id, count(*) AS run
    FROM (SELECT body_id, point_no - row_number() OVER (PARTITION BY body_id ORDER BY point_no) AS grp
          FROM points WHERE point_grade = 3)
    GROUP BY body_id, grp
),
bodies AS (
    SELECT p.body_id, count(*) AS n_points, count(*) FILTER (WHERE p.point_grade = 3) AS n_heavy_points,
           coalesce(max(r.max_run), 0) AS max_heavy_run,
           CASE WHEN 10 * count(*) FILTER (WHERE p.point_grade = 3) >= 6 * count(*)
                  OR coalesce(max(r.max_run), 0) >= 3 THEN 3
                WHEN max(p.point_grade) >= 2 THEN 2
                ELSE 1 END AS body_grade
    FROM points AS p
    LEFT JOIN (SELECT body_id, max(run) AS max_run FROM runs GROUP BY body_id) AS r USING (body_id)
    GROUP BY p.body_id
),
round AS (
    SELECT body_id, min(inspected_on) AS round_started_on, max(inspected_on) AS last_inspected_on
    FROM win
    GROUP BY body_id
)
SELECT
    b.body_id, b.name_zh, b.name_en, b.kind, b.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
    CASE WHEN b.closed_on <= $as_of::DATE THEN 'closed'
         WHEN b.cleared_on <= $as_of::DATE THEN 'cleared'
         WHEN b.rectify_started_on <= $as_of::DATE THEN 'rectifying'
         ELSE 'found' END AS status,
    (b.closed_on IS NULL OR b.closed_on > $as_of::DATE) AS is_open,
    b.found_on,
    CASE WHEN b.rectify_started_on <= $as_of::DATE THEN b.rectify_started_on END AS rectify_started_on,
    CASE WHEN b.cleared_on <= $as_of::DATE THEN b.cleared_on END AS cleared_on,
    CASE WHEN b.closed_on <= $as_of::DATE THEN b.closed_on END AS closed_on,
    b.length_m, b.lon, b.lat,
    r.last_inspected_on, r.round_started_on,
    g.n_points, g.n_heavy_points, g.max_heavy_run, g.body_grade AS grade
FROM water_bodies AS b
LEFT JOIN towns AS t USING (town_id)
LEFT JOIN round AS r USING (body_id)
LEFT JOIN bodies AS g USING (body_id)
WHERE b.found_on <= $as_of::DATE AND ($town_id IS NULL OR b.town_id = $town_id)
ORDER BY is_open DESC, b.kind DESC, b.found_on, b.body_id
