-- Purpose: the black-odorous grading (城市黑臭水体整治工作指南, 2015) of the latest monitoring round of
--   every water body, reading by reading, with the point and body roll-ups. Grades: 1 = not
--   black-odorous, 2 = light (轻度), 3 = heavy (重度). Each of transparency, DO, ORP and NH3-N is
--   graded on its value rounded to the parameter's reporting precision, against standard_limits
--   BLACK_ODOROUS_2015 (class 1 = bound of "not black-odorous", class 2 = bound of "light"; direction
--   from parameters: transparency, DO, ORP 'ge' (>= bound meets it), NH3-N 'le' (<= bound meets it)).
--   Transparency in water shallower than 25 cm: the not-black-odorous bound is 40 % of the depth
--   (depth*2/5); the heavy bound stays 10 cm, so such a reading is either not black-odorous or heavy.
--   Latest round: the body's inspections in the $window_days days ending with its last inspection on
--   or before $as_of. Point (all readings of the round at that point): heavy when >= 60 % of one
--   indicator's readings are heavy, or >= 30 % (and at least one) of the readings of two or more
--   indicators are heavy; else light when any reading is light or heavy; else not black-odorous.
--   Body: heavy when >= 60 % of its points are heavy or >= 3 consecutive points (point numbers
--   n, n+1, n+2) are heavy; else light when any point is light or heavy; else not black-odorous.
--   bishui/black_odorous.py mirrors these rules (tests/test_black_odorous.py keeps them equal).
-- Grain: one row per body, inspection date and point of the latest round.
-- Parameters: $as_of (date), $window_days (length of a round in days), $town_id (NULL = all).
-- Columns: body_id, inspected_on, point_no, depth_cm, transparency_cm, do_mg_l, orp_mv, nh3n_mg_l,
--   transparency_bound_cm (the not-black-odorous bound used), grade_transparency, grade_do, grade_orp,
--   grade_nh3n, reading_grade (worst of the four), point_grade, body_grade
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
    SELECT p.body_id,
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
    wd.reading_grade, p.point_grade, b.body_grade
FROM win AS w
JOIN water_body_inspections AS i USING (body_id, inspected_on, point_no)
LEFT JOIN wide AS wd USING (body_id, inspected_on, point_no)
LEFT JOIN points AS p USING (body_id, point_no)
LEFT JOIN bodies AS b USING (body_id)
ORDER BY w.body_id, w.inspected_on, w.point_no
