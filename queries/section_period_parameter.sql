-- Purpose: the monthly and annual value of every parameter at every section, graded by GB 3838-2002.
--   Month: automatic data (mean of daily means) for the parameters where they take priority
--   (parameters.is_auto_priority), else the arithmetic mean of the manual samples; a value below the
--   detection limit counts as half the limit. Year: arithmetic mean of the monthly means.
--   The graded value is the mean rounded to the parameter's reporting precision (GB/T 8170);
--   mean_value keeps the unrounded mean for display and download.
-- Grain: one row per section, period_kind ('month' | 'year'), period (first day), parameter.
-- Parameters: none (reads readings, sections, parameters, gb3838_limits). Materialised by
--   bishui.evaluation into the table section_period_parameter.
-- Columns: section_id, period_kind, period, parameter, source_used, n_samples, n_below_dl, n_months,
--   mean_value, min_value, max_value, graded_value, parameter_class, is_excluded, is_evaluated,
--   direction, limit_target, limit_iii, multiple_target, multiple_iii, is_below_target, mom_pct, yoy_pct
--   (mom_pct: change of the mean against the month before, months only; yoy_pct: against the same
--   month, or year, a year before; NULL when that period has no data or a zero mean)
WITH daily AS (
    -- one pass over the readings: per section, parameter, source and day
    SELECT
        section_id, parameter, source, sampled_on,
        sum(CASE WHEN below_detection_limit THEN detection_limit / 2 ELSE value END) AS s,
        count(CASE WHEN below_detection_limit THEN detection_limit ELSE value END) AS n,
        count(*) FILTER (WHERE below_detection_limit AND detection_limit IS NOT NULL) AS n_bdl,
        min(CASE WHEN below_detection_limit THEN detection_limit / 2 ELSE value END) AS mn,
        max(CASE WHEN below_detection_limit THEN detection_limit / 2 ELSE value END) AS mx
    FROM readings
    GROUP BY section_id, parameter, source, sampled_on
),
by_source AS (
    -- manual: arithmetic mean of the month's samples; automatic: mean of the daily means
    SELECT
        section_id, parameter, date_trunc('month', sampled_on)::DATE AS month, source,
        CASE WHEN source = 'auto' THEN avg(s / n) ELSE sum(s) / sum(n) END AS mean_value,
        sum(n) AS n_samples, sum(n_bdl) AS n_below_dl, min(mn) AS min_value, max(mx) AS max_value
    FROM daily
    WHERE n > 0
    GROUP BY section_id, parameter, date_trunc('month', sampled_on), source
),
monthly AS (
    SELECT b.*
    FROM by_source AS b
    JOIN parameters AS p ON p.code = b.parameter
    QUALIFY row_number() OVER (
        PARTITION BY b.section_id, b.parameter, b.month
        ORDER BY CASE WHEN (b.source = 'auto') = p.is_auto_priority THEN 0 ELSE 1 END
    ) = 1
),
yearly AS (
    SELECT section_id, parameter, date_trunc('year', month)::DATE AS period,
           CASE WHEN count(DISTINCT source) = 1 THEN any_value(source) ELSE 'mixed' END AS source_used,
           sum(n_samples) AS n_samples, sum(n_below_dl) AS n_below_dl, count(*) AS n_months,
           avg(mean_value) AS mean_value, min(min_value) AS min_value, max(max_value) AS max_value
    FROM monthly
    GROUP BY section_id, parameter, date_trunc('year', month)
),
periods AS (
    SELECT section_id, parameter, 'month' AS period_kind, month AS period, source AS source_used,
           n_samples, n_below_dl, 1 AS n_months, mean_value, min_value, max_value
    FROM monthly
    UNION ALL
    SELECT section_id, parameter, 'year', period, source_used,
           n_samples, n_below_dl, n_months, mean_value, min_value, max_value
    FROM yearly
),
graded AS (
    SELECT
        x.*,
        s.target_class,
        p.direction,
        p.enters_class,
        list_contains(s.excluded_parameters, x.parameter) AS is_excluded,
        grade_round(x.mean_value, p.decimals) AS graded_value,
        l.l1, l.l2, l.l3, l.l4, l.l5, l.lo
    FROM periods AS x
    JOIN sections AS s USING (section_id)
    JOIN parameters AS p ON p.code = x.parameter
    LEFT JOIN gb3838_limits AS l
        ON l.parameter = x.parameter AND l.water_body_type = s.water_body_type
),
classed AS (
    SELECT
        g.*,
        grade_class(g.direction, g.graded_value, g.l1, g.l2, g.l3, g.l4, g.l5, g.lo) AS parameter_class,
        CASE WHEN g.direction IN ('le', 'ge')
             THEN limit_of_class(g.target_class, g.l1, g.l2, g.l3, g.l4, g.l5) END AS limit_target,
        CASE WHEN g.direction IN ('le', 'ge') THEN g.l3 END AS limit_iii
    FROM graded AS g
)
SELECT
    section_id, period_kind, period, parameter, source_used,
    n_samples, n_below_dl, n_months,
    mean_value, min_value, max_value, graded_value,
    parameter_class,
    is_excluded,
    (enters_class AND NOT is_excluded AND parameter_class IS NOT NULL) AS is_evaluated,
    direction,
    limit_target,
    limit_iii,
    CASE WHEN direction = 'le' AND graded_value > limit_target
         THEN ((graded_value - limit_target) / limit_target) END AS multiple_target,
    CASE WHEN direction = 'le' AND graded_value > limit_iii
         THEN ((graded_value - limit_iii) / limit_iii) END AS multiple_iii,
    (direction = 'ge' AND graded_value < limit_target) AS is_below_target,
    (mean_value - max(mean_value) OVER prev_month) / nullif(max(mean_value) OVER prev_month, 0) * 100 AS mom_pct,
    (mean_value - max(mean_value) OVER prev_year) / nullif(max(mean_value) OVER prev_year, 0) * 100 AS yoy_pct
FROM classed
WINDOW
    prev_month AS (PARTITION BY section_id, parameter, period_kind ORDER BY period
                   RANGE BETWEEN INTERVAL 1 MONTH PRECEDING AND INTERVAL 1 MONTH PRECEDING),
    prev_year AS (PARTITION BY section_id, parameter, period_kind ORDER BY period
                  RANGE BETWEEN INTERVAL 12 MONTH PRECEDING AND INTERVAL 12 MONTH PRECEDING)
ORDER BY period_kind, section_id, parameter, period
