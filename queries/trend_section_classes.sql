-- Purpose: the class of every section per month, quarter or year with its river and township, for
--   the status of rivers, townships and the district by class shares (§2.5), the change between two
--   periods and the "worst sections" ranking (class, then the largest multiple over the target).
--   Months and years are the stored evaluation (section_period_class). Quarters are graded here the
--   same way from the quarterly mean of each parameter's monthly means (single factor over the
--   parameters that enter the class, less geological exclusions; the quarterly rule is unverified, §2.3).
-- Grain: one row per section and period.
-- Parameters: $period_kind ('month' | 'quarter' | 'year').
-- Columns: section_id, river_id, town_id, water_body_type, period, water_class, target_class,
--   is_attained, max_multiple_target, worst_parameter, max_multiple_iii
--   (max_multiple_target: the largest (C - C_target)/C_target over the evaluated parameters above
--   their target-class limit, NULL when none is; worst_parameter: that parameter's code;
--   max_multiple_iii: the same against the class III limits)
WITH q_param AS (
    SELECT x.section_id, date_trunc('quarter', x.period)::DATE AS period, x.parameter,
           any_value(x.direction) AS direction, any_value(x.target_class) AS target_class,
           grade_round(avg(x.mean_value), any_value(p.decimals)) AS graded_value,
           any_value(x.l1) AS l1, any_value(x.l2) AS l2, any_value(x.l3) AS l3, any_value(x.l4) AS l4,
           any_value(x.l5) AS l5, any_value(x.lo) AS lo,
           any_value(x.limit_target) AS limit_target, any_value(x.limit_iii) AS limit_iii,
           bool_and(p.enters_class AND NOT x.is_excluded) AS enters
    FROM section_period_parameter AS x
    JOIN parameters AS p ON p.code = x.parameter
    WHERE $period_kind = 'quarter' AND x.period_kind = 'month'
    GROUP BY x.section_id, date_trunc('quarter', x.period), x.parameter
),
q_graded AS (
    SELECT *, grade_class(direction, graded_value, l1, l2, l3, l4, l5, lo) AS parameter_class
    FROM q_param
),
params AS (
    SELECT section_id, period, parameter, parameter_class, target_class,
           (enters AND parameter_class IS NOT NULL) AS is_evaluated,
           CASE WHEN direction = 'le' AND graded_value > limit_target
                THEN (graded_value - limit_target) / limit_target END AS multiple_target,
           CASE WHEN direction = 'le' AND graded_value > limit_iii
                THEN (graded_value - limit_iii) / limit_iii END AS multiple_iii
    FROM q_graded
    UNION ALL
    SELECT section_id, period, parameter, parameter_class, target_class, is_evaluated, multiple_target, multiple_iii
    FROM section_period_parameter
    WHERE period_kind = $period_kind
),
classes AS (
    SELECT section_id, period, water_class, target_class
    FROM section_period_class
    WHERE period_kind = $period_kind
    UNION ALL
    SELECT section_id, period, max(parameter_class) FILTER (WHERE is_evaluated), any_value(target_class)
    FROM params
    WHERE $period_kind = 'quarter'
    GROUP BY section_id, period
),
worst AS (
    SELECT section_id, period,
           max(multiple_target) AS max_multiple_target,
           arg_max(parameter, multiple_target) AS worst_parameter,
           max(multiple_iii) AS max_multiple_iii
    FROM params
    WHERE is_evaluated AND (multiple_target IS NOT NULL OR multiple_iii IS NOT NULL)
    GROUP BY section_id, period
)
SELECT c.section_id, s.river_id, s.town_id, s.water_body_type, c.period, c.water_class, c.target_class,
       (c.water_class <= c.target_class) AS is_attained,
       w.max_multiple_target, w.worst_parameter, w.max_multiple_iii
FROM classes AS c
JOIN sections AS s USING (section_id)
LEFT JOIN worst AS w USING (section_id, period)
ORDER BY c.section_id, c.period
