-- Black-odorous grading of the latest monitoring round of every water body (城市黑臭水体整治工作指南,
-- 2015), shared by queries/black_odorous_readings.sql and queries/black_odorous_bodies.sql (see the
-- former's header for the thresholds and roll-ups).
-- black_odorous_round(as_of, window_days, town): one row per body, inspection date and point of the
--   body's latest round (its inspections in the window_days days ending with its last inspection on or
--   before as_of; town NULL = all), with the reading's values and grades and its point's and body's
--   grades (1 not black-odorous, 2 light, 3 heavy), n_points, n_heavy_points, max_heavy_run.
CREATE MACRO black_odorous_round(as_of, window_days, town) AS TABLE
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
    WHERE i.inspected_on <= as_of::DATE AND (town IS NULL OR b.town_id = town)
    GROUP BY i.body_id
),
win AS (
    SELECT i.*
    FROM water_body_inspections AS i
    JOIN latest AS l USING (body_id)
    WHERE i.inspected_on > l.last_on - window_days::INTEGER AND i.inspected_on <= l.last_on
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
wide AS (
    SELECT body_id, inspected_on, point_no,
           max(b1_used) FILTER (WHERE indicator = 'transparency') AS transparency_bound_cm,
           max(grade) FILTER (WHERE indicator = 'transparency') AS grade_transparency,
           max(grade) FILTER (WHERE indicator = 'do') AS grade_do,
           max(grade) FILTER (WHERE indicator = 'orp') AS grade_orp,
           max(grade) FILTER (WHERE indicator = 'nh3n') AS grade_nh3n,
           max(grade) AS reading_grade
    FROM graded
    GROUP BY body_id, inspected_on, point_no
)
SELECT
    w.body_id, w.inspected_on, w.point_no, i.depth_cm, i.transparency_cm, i.do_mg_l, i.orp_mv, i.nh3n_mg_l,
    wd.transparency_bound_cm, wd.grade_transparency, wd.grade_do, wd.grade_orp, wd.grade_nh3n,
    wd.reading_grade, p.point_grade, b.body_grade, b.n_points, b.n_heavy_points, b.max_heavy_run
FROM win AS w
JOIN water_body_inspections AS i USING (body_id, inspected_on, point_no)
LEFT JOIN wide AS wd USING (body_id, inspected_on, point_no)
LEFT JOIN points AS p USING (body_id, point_no)
LEFT JOIN bodies AS b USING (body_id);
