-- Purpose: monthly values of chosen parameters at chosen sections over a date range, with the
--   parameter's class, the GB 3838 limits for the section's water-body type (class bands), the
--   target-class limit, and month-on-month (环比) and year-on-year (同比) change of the mean (all kept
--   in section_period_parameter when it is built).
-- Grain: one row per section, parameter and month with data.
-- Parameters: $section_ids (list), $parameters (list), $start, $end (dates).
-- Columns: section_id, parameter, month, mean_value, graded_value, min_value, max_value,
--   parameter_class, n_samples, n_below_dl, source_used, is_excluded, water_body_type, target_class,
--   limit_target, l1, l2, l3, l4, l5, lo, mom_pct, yoy_pct
SELECT
    x.section_id, x.parameter, x.period AS month,
    x.mean_value, x.graded_value, x.min_value, x.max_value, x.parameter_class,
    x.n_samples, x.n_below_dl, x.source_used, x.is_excluded,
    x.water_body_type, x.target_class, x.limit_target,
    x.l1, x.l2, x.l3, x.l4, x.l5, x.lo,
    x.mom_pct, x.yoy_pct
FROM section_period_parameter AS x   -- one table: limits and section attributes are kept on its rows
WHERE x.period_kind = 'month'
  AND list_contains($section_ids, x.section_id)
  AND list_contains($parameters, x.parameter)
  AND x.period BETWEEN date_trunc('month', $start::DATE) AND $end::DATE
ORDER BY x.parameter, x.section_id, x.period
