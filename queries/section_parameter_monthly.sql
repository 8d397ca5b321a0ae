-- Purpose: monthly values of chosen parameters at chosen sections over a date range, with the
--   parameter's class, the GB 3838 limits for the section's water-body type (class bands), the
--   target-class limit, and month-on-month (环比) and year-on-year (同比) change of the mean.
-- Grain: one row per section, parameter and month with data.
-- Parameters: $section_ids (list), $parameters (list), $start, $end (dates).
-- Columns: section_id, parameter, month, mean_value, graded_value, min_value, max_value,
--   parameter_class, n_samples, n_below_dl, source_used, is_excluded, water_body_type, target_class,
--   limit_target, l1, l2, l3, l4, l5, lo, mom_pct, yoy_pct
WITH x AS (
    SELECT p.*
    FROM section_period_parameter AS p
    WHERE p.period_kind = 'month'
      AND list_contains($section_ids, p.section_id)
      AND list_contains($parameters, p.parameter)
)
SELECT
    x.section_id, x.parameter, x.period AS month,
    x.mean_value, x.graded_value, x.min_value, x.max_value, x.parameter_class,
    x.n_samples, x.n_below_dl, x.source_used, x.is_excluded,
    s.water_body_type, s.target_class, x.limit_target,
    l.l1, l.l2, l.l3, l.l4, l.l5, l.lo,
    CASE WHEN prev.mean_value <> 0
         THEN (x.mean_value - prev.mean_value) / prev.mean_value * 100 END AS mom_pct,
    CASE WHEN ly.mean_value <> 0
         THEN (x.mean_value - ly.mean_value) / ly.mean_value * 100 END AS yoy_pct
FROM x
JOIN sections AS s USING (section_id)
LEFT JOIN gb3838_limits AS l ON l.parameter = x.parameter AND l.water_body_type = s.water_body_type
LEFT JOIN x AS prev
    ON prev.section_id = x.section_id AND prev.parameter = x.parameter
   AND prev.period = (x.period - INTERVAL 1 MONTH)::DATE
LEFT JOIN x AS ly
    ON ly.section_id = x.section_id AND ly.parameter = x.parameter
   AND ly.period = (x.period - INTERVAL 12 MONTH)::DATE
WHERE x.period BETWEEN date_trunc('month', $start::DATE) AND $end::DATE
ORDER BY x.parameter, x.section_id, x.period
