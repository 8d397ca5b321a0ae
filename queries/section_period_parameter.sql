-- Purpose: the monthly and annual value of every parameter at every section, graded by GB 3838-2002.
--   Month: automatic data (mean of daily means) for the parameters where they take priority
--   (parameters.is_auto_priority), else the arithmetic mean of the manual samples; a value below the
--   detection limit counts as half the limit. Year: arithmetic mean of the monthly means.
--   The graded value is the mean rounded (GB/T 8170) to the precision the values were reported in
--   (reference 8.H): the parameter's reporting precision (parameters.decimals), or coarser when
--   every manual value of the period was reported coarser (manual CODMn to 0.1: graded_decimals 1;
--   never coarser than 0.1);
--   mean_value keeps the unrounded mean for display and download.
--   A detection limit above a class limit (reference 8.A): a "le" parameter is graded no better than
--   the class its highest detection limit of the period meets (Hg "<0.0002": class IV, not the class
--   III of 0.0001), and flagged is_dl_insufficient.
-- Grain: one row per section, period_kind ('month' | 'year'), period (first day), parameter.
-- Parameters: none (reads readings_monthly, the monthly aggregate of the readings, and sections,
--   parameters, gb3838_limits; joins and groups on the integer keys of section_keys and
--   parameter_keys, the codes come from sections and parameters). Materialised by bishui.db.evaluation into the table
--   section_period_parameter.
-- Columns: section_id, period_kind, period, parameter, source_used, n_samples, n_below_dl, n_months,
--   mean_value, min_value, max_value, graded_value, parameter_class, is_excluded, is_evaluated,
--   direction, limit_target, limit_iii, multiple_target, multiple_iii, is_below_target, mom_pct, yoy_pct,
--   water_body_type, target_class, l1, l2, l3, l4, l5, lo, graded_decimals, max_detection_limit,
--   is_dl_insufficient
--   (mom_pct: change of the mean against the month before, months only; yoy_pct: against the same
--   month, or year, a year before; NULL when that period has no data or a zero mean; the section's
--   water-body type and target class and the GB 3838 limits of classes I-V used to grade the row)
WITH secs AS (  -- sections and parameters with the integer keys readings_monthly carries
    SELECT k.section_key, s.section_id, s.water_body_type, s.target_class, s.excluded_parameters
    FROM sections AS s
    JOIN section_keys AS k ON k.section_id = s.section_id
),
params AS (
    SELECT k.param_key, p.code, p.is_auto_priority, p.direction, p.enters_class, p.decimals
    FROM parameters AS p
    JOIN parameter_keys AS k ON k.parameter = p.code
),
by_source AS (
    -- manual: arithmetic mean of the month's samples; automatic: mean of the daily means
    SELECT
        section_key, param_key, month, source,
        CASE WHEN source = 'auto' THEN s_daily_means / n_days ELSE s / n END AS mean_value,
        n AS n_samples, n_bdl AS n_below_dl, mn AS min_value, mx AS max_value, dp, max_dl
    FROM readings_monthly
),
preferred AS (  -- automatic data where the parameter gives them priority, else manual
    SELECT b.*
    FROM by_source AS b
    JOIN params AS p ON p.param_key = b.param_key
    WHERE (b.source = 'auto') = p.is_auto_priority
),
monthly AS (
    -- one source per section, parameter and month: the preferred one, the other only when the
    -- preferred one is missing
    SELECT * FROM preferred
    UNION ALL
    SELECT b.*
    FROM by_source AS b
    JOIN params AS p ON p.param_key = b.param_key
    ANTI JOIN preferred AS o
        ON o.section_key = b.section_key AND o.param_key = b.param_key AND o.month = b.month
    WHERE (b.source = 'auto') <> p.is_auto_priority
),
yearly AS (
    SELECT section_key, param_key, date_trunc('year', month)::DATE AS period,
           CASE WHEN min(source) = max(source) THEN min(source) ELSE 'mixed' END AS source_used,
           sum(n_samples)::BIGINT AS n_samples, sum(n_below_dl)::BIGINT AS n_below_dl, count(*) AS n_months,
           -- summed in month order: the same mean however the months arrive (parallel joins)
           avg(mean_value ORDER BY month) AS mean_value, min(min_value) AS min_value, max(max_value) AS max_value,
           -- a month without a reported precision (automatic data) keeps the parameter's
           CASE WHEN count(*) FILTER (WHERE dp IS NULL) = 0 THEN max(dp) END AS dp, max(max_dl) AS max_dl
    FROM monthly
    GROUP BY section_key, param_key, date_trunc('year', month)
),
periods AS (
    SELECT section_key, param_key, 'month' AS period_kind, month AS period, source AS source_used,
           n_samples, n_below_dl, 1 AS n_months, mean_value, min_value, max_value, dp, max_dl
    FROM monthly
    UNION ALL
    SELECT section_key, param_key, 'year', period, source_used,
           n_samples, n_below_dl, n_months, mean_value, min_value, max_value, dp, max_dl
    FROM yearly
),
graded AS (
    SELECT
        x.*,
        s.section_id,
        p.code AS parameter,
        s.water_body_type,
        s.target_class,
        p.direction,
        p.enters_class,
        list_contains(s.excluded_parameters, p.code) AS is_excluded,
        x2.graded_decimals,
        grade_round(x.mean_value, x2.graded_decimals) AS graded_value,
        CASE WHEN p.direction = 'le' THEN grade_round(x.max_dl, p.decimals) END AS dl_graded,
        l.l1, l.l2, l.l3, l.l4, l.l5, l.lo
    FROM periods AS x
    JOIN secs AS s ON s.section_key = x.section_key
    JOIN params AS p ON p.param_key = x.param_key
    -- the reported precision, never coarser than 0.1 (a trailing zero is not seen in a number: '10.0'
    -- reads as 10; no graded parameter is reported coarser than 0.1) nor finer than parameters.decimals
    CROSS JOIN LATERAL (SELECT least(p.decimals, greatest(coalesce(x.dp, p.decimals), 1)) AS graded_decimals) AS x2
    LEFT JOIN gb3838_limits AS l
        ON l.parameter = p.code AND l.water_body_type = s.water_body_type
),
prev AS (
    SELECT section_key AS p_section, param_key AS p_parameter, period_kind AS p_kind, period AS p_period,
           mean_value AS p_mean
    FROM periods
),
classed0 AS (
    SELECT
        g.*,
        grade_class(g.direction, g.graded_value, g.l1, g.l2, g.l3, g.l4, g.l5, g.lo) AS value_class,
        grade_class(g.direction, g.dl_graded, g.l1, g.l2, g.l3, g.l4, g.l5, g.lo) AS dl_class,
        CASE WHEN g.direction IN ('le', 'ge')
             THEN limit_of_class(g.target_class, g.l1, g.l2, g.l3, g.l4, g.l5) END AS limit_target,
        CASE WHEN g.direction IN ('le', 'ge') THEN g.l3 END AS limit_iii
    FROM graded AS g
),
classed AS (  -- no class better than the one the detection limit itself meets (greatest skips NULL)
    SELECT c.*, greatest(c.value_class, c.dl_class) AS parameter_class,
           coalesce(c.dl_class > c.value_class, false) AS is_dl_insufficient
    FROM classed0 AS c
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
    -- multiples computed exactly (exceedance_multiple: integer arithmetic, not binary doubles)
    CASE WHEN direction = 'le' AND graded_value > limit_target
         THEN exceedance_multiple(graded_value, limit_target) END AS multiple_target,
    CASE WHEN direction = 'le' AND graded_value > limit_iii
         THEN exceedance_multiple(graded_value, limit_iii) END AS multiple_iii,
    (direction = 'ge' AND graded_value < limit_target) AS is_below_target,
    (mean_value - pm.p_mean) / nullif(pm.p_mean, 0) * 100 AS mom_pct,
    (mean_value - py.p_mean) / nullif(py.p_mean, 0) * 100 AS yoy_pct,
    -- kept with each row so that the trend query reads this one table (each joined table costs
    -- about a millisecond of planning, most of that query's time)
    water_body_type, target_class, l1, l2, l3, l4, l5, lo,
    graded_decimals, max_dl AS max_detection_limit, is_dl_insufficient
FROM classed AS c
-- the same parameter's mean a month and a year before (equality joins: cheaper than RANGE windows)
LEFT JOIN prev AS pm
    ON pm.p_section = c.section_key AND pm.p_parameter = c.param_key AND pm.p_kind = 'month'
   AND c.period_kind = 'month' AND pm.p_period = (c.period - INTERVAL 1 MONTH)::DATE
LEFT JOIN prev AS py
    ON py.p_section = c.section_key AND py.p_parameter = c.param_key AND py.p_kind = c.period_kind
   AND py.p_period = (c.period - INTERVAL 12 MONTH)::DATE
-- no ORDER BY here: bishui.db.evaluation stores the table sorted by section (DERIVED)
