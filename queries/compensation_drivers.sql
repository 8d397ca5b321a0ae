-- Purpose: what drives the compensation of a month: for every rule in force, the evaluated parameters
--   of its section whose monthly class is worse than the rule's threshold (the rule's threshold_class,
--   else the section's target class) in that month, from section_period_parameter (the same monthly
--   means the ledger's class comes from), with the value, the threshold class's limit and the
--   multiple over it, and how many samples the month has so far and the date of the latest one.
--   Used for the current month's forecast: what is due if the month ended today, and why.
-- Grain: one row per rule, section and driving parameter in the month.
-- Parameters: $month (first day of the month), $town_id (NULL = all).
-- Columns: rule_id, section_id, parameter, parameter_zh, parameter_en, unit, direction, mean_value,
--   graded_value, parameter_class, threshold_class, threshold_limit, multiple, n_samples, last_sampled_on
WITH rules AS (
    SELECT r.rule_id, r.section_id, coalesce(r.threshold_class, s.target_class) AS threshold_class,
           s.water_body_type
    FROM compensation_rules AS r
    JOIN sections AS s USING (section_id)
    WHERE ($town_id IS NULL OR s.town_id = $town_id)
      AND $month::DATE >= date_trunc('month', r.valid_from)
      AND (r.valid_to IS NULL OR $month::DATE <= r.valid_to)
),
last_sample AS (
    SELECT section_id, parameter, max(sampled_on) AS last_sampled_on
    FROM readings
    WHERE sampled_on BETWEEN $month::DATE AND last_day($month::DATE)
    GROUP BY section_id, parameter
)
SELECT
    r.rule_id, r.section_id, x.parameter, p.name_zh AS parameter_zh, p.name_en AS parameter_en, p.unit,
    x.direction, x.mean_value, x.graded_value, x.parameter_class, r.threshold_class,
    limit_of_class(r.threshold_class, l.l1, l.l2, l.l3, l.l4, l.l5) AS threshold_limit,
    CASE WHEN x.direction = 'le'
         THEN (x.graded_value - limit_of_class(r.threshold_class, l.l1, l.l2, l.l3, l.l4, l.l5))
              / limit_of_class(r.threshold_class, l.l1, l.l2, l.l3, l.l4, l.l5) END AS multiple,
    x.n_samples, ls.last_sampled_on
FROM rules AS r
JOIN section_period_parameter AS x
    ON x.section_id = r.section_id AND x.period_kind = 'month' AND x.period = $month::DATE
   AND x.is_evaluated AND x.parameter_class > r.threshold_class
JOIN parameters AS p ON p.code = x.parameter
LEFT JOIN gb3838_limits AS l ON l.parameter = x.parameter AND l.water_body_type = r.water_body_type
LEFT JOIN last_sample AS ls ON ls.section_id = x.section_id AND ls.parameter = x.parameter
ORDER BY r.rule_id, r.section_id, x.parameter_class DESC, multiple DESC NULLS LAST, p.sort_order
