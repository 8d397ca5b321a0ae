-- Purpose: the monthly value of one parameter at every section (from the evaluation table
--   section_period_parameter), for the upstream sections of a traced miss.
-- Grain: one row per section with a value of the parameter in the month.
-- Parameters: $month (first day of the month), $parameter (code).
-- Columns: section_id, graded_value, mean_value, direction, parameter_class, limit_target, target_class,
--   is_excluded
SELECT p.section_id, p.graded_value, p.mean_value, p.direction, p.parameter_class, p.limit_target,
       p.target_class, p.is_excluded
FROM section_period_parameter AS p
WHERE p.period_kind = 'month' AND p.period = $month::DATE AND p.parameter = $parameter
ORDER BY p.section_id
