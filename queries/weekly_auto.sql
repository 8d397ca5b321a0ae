-- Purpose: the weekly view of the automatic stations (provincial weekly-report form, reference 2.10):
--   for a week (Monday-Sunday) and the week before it, the mean of pH, DO, CODMn, NH3-N and TP at every
--   section with an automatic station (mean of the daily means, as the monthly evaluation of automatic
--   data; a value below the detection limit counts as half the limit; only readings taken before
--   $now_at), each graded by GB 3838 as the monthly evaluation grades a parameter (grade_round at the
--   parameter's reporting precision, grade_class against gb3838_limits, no better than the class its
--   highest detection limit meets), and the station's class: the worst over those items (a section's
--   geological exclusions never count). The station is silent when it has no automatic reading in the
--   $silent_hours hours before $now_at (its last reading at or before now_at - silent_hours, or none).
-- Grain: one row per section with an automatic station and week (week_start = $week_start and the
--   Monday before it); a week without data has NULL means and class.
-- Parameters: $week_start (a Monday), $now_at (timestamp: the app's now), $silent_hours (number),
--   $town_id (NULL = all).
-- Columns: section_id, name_zh, name_en, town_id, water_body_type, target_class, week_start, n_days,
--   mean_ph, mean_do, mean_codmn, mean_nh3n, mean_tp, class_ph, class_do, class_codmn, class_nh3n,
--   class_tp, water_class, last_auto_at, is_silent
WITH stations AS (
    SELECT s.section_id, s.name_zh, s.name_en, s.town_id, s.water_body_type, s.target_class,
           s.excluded_parameters
    FROM sections AS s
    WHERE s.has_auto_station AND ($town_id IS NULL OR s.town_id = $town_id)
),
weeks AS (
    SELECT unnest([$week_start::DATE, ($week_start::DATE - INTERVAL 7 DAY)::DATE]) AS week_start
),
daily AS (   -- daily means of the automatic readings of the two weeks
    SELECT r.section_id, r.parameter, r.sampled_on,
           date_trunc('week', r.sampled_on)::DATE AS week_start,
           avg(CASE WHEN r.below_detection_limit THEN r.detection_limit / 2 ELSE r.value END) AS day_mean,
           max(r.detection_limit) FILTER (WHERE r.below_detection_limit) AS max_dl
    FROM readings AS r
    WHERE r.source = 'auto'
      AND r.parameter IN ('ph', 'do', 'codmn', 'nh3n', 'tp')
      AND r.sampled_on BETWEEN ($week_start::DATE - INTERVAL 7 DAY)::DATE AND ($week_start::DATE + INTERVAL 6 DAY)::DATE
      AND coalesce(r.sampled_at, r.sampled_on::TIMESTAMP) <= $now_at::TIMESTAMP
    GROUP BY r.section_id, r.parameter, r.sampled_on
),
weekly AS (
    SELECT section_id, parameter, week_start, avg(day_mean) AS mean_value, max(max_dl) AS max_dl,
           count(*) AS n_days
    FROM daily
    GROUP BY section_id, parameter, week_start
),
graded AS (
    SELECT w.*, st.excluded_parameters,
           grade_class(p.direction, grade_round(w.mean_value, least(p.decimals, greatest(p.decimals, 1))),
                       l.l1, l.l2, l.l3, l.l4, l.l5, l.lo) AS value_class,
           CASE WHEN p.direction = 'le'
                THEN grade_class(p.direction, grade_round(w.max_dl, p.decimals), l.l1, l.l2, l.l3, l.l4, l.l5, l.lo)
           END AS dl_class
    FROM weekly AS w
    JOIN stations AS st USING (section_id)
    JOIN parameters AS p ON p.code = w.parameter
    LEFT JOIN gb3838_limits AS l ON l.parameter = w.parameter AND l.water_body_type = st.water_body_type
),
classed AS (
    SELECT g.*, greatest(g.value_class, g.dl_class) AS parameter_class,
           NOT list_contains(g.excluded_parameters, g.parameter) AS counts
    FROM graded AS g
),
per_week AS (
    SELECT section_id, week_start,
           max(n_days) AS n_days,
           max(mean_value) FILTER (WHERE parameter = 'ph') AS mean_ph,
           max(mean_value) FILTER (WHERE parameter = 'do') AS mean_do,
           max(mean_value) FILTER (WHERE parameter = 'codmn') AS mean_codmn,
           max(mean_value) FILTER (WHERE parameter = 'nh3n') AS mean_nh3n,
           max(mean_value) FILTER (WHERE parameter = 'tp') AS mean_tp,
           max(parameter_class) FILTER (WHERE parameter = 'ph') AS class_ph,
           max(parameter_class) FILTER (WHERE parameter = 'do') AS class_do,
           max(parameter_class) FILTER (WHERE parameter = 'codmn') AS class_codmn,
           max(parameter_class) FILTER (WHERE parameter = 'nh3n') AS class_nh3n,
           max(parameter_class) FILTER (WHERE parameter = 'tp') AS class_tp,
           max(parameter_class) FILTER (WHERE counts) AS water_class
    FROM classed
    GROUP BY section_id, week_start
),
last_seen AS (
    SELECT r.section_id, max(coalesce(r.sampled_at, r.sampled_on::TIMESTAMP)) AS last_auto_at
    FROM readings AS r
    WHERE r.source = 'auto' AND coalesce(r.sampled_at, r.sampled_on::TIMESTAMP) <= $now_at::TIMESTAMP
    GROUP BY r.section_id
)
SELECT
    st.section_id, st.name_zh, st.name_en, st.town_id, st.water_body_type, st.target_class,
    wk.week_start, coalesce(pw.n_days, 0) AS n_days,
    pw.mean_ph, pw.mean_do, pw.mean_codmn, pw.mean_nh3n, pw.mean_tp,
    pw.class_ph, pw.class_do, pw.class_codmn, pw.class_nh3n, pw.class_tp,
    pw.water_class,
    ls.last_auto_at,
    (ls.last_auto_at IS NULL
     OR ls.last_auto_at <= $now_at::TIMESTAMP - to_microseconds(CAST($silent_hours * 3600000000 AS BIGINT))) AS is_silent
FROM stations AS st
CROSS JOIN weeks AS wk
LEFT JOIN per_week AS pw ON pw.section_id = st.section_id AND pw.week_start = wk.week_start
LEFT JOIN last_seen AS ls ON ls.section_id = st.section_id
ORDER BY st.section_id, wk.week_start DESC
