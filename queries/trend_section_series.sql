-- Purpose: the monthly and annual means of chosen parameters at chosen sections, for the trend tests
--   (Spearman on the annual means, Seasonal Kendall and the Sen slope on the monthly means).
-- Grain: one row per section, period_kind ('month' | 'year'), period (first day) and parameter.
-- Parameters: $section_ids (list), $parameters (list of parameter codes).
-- Columns: section_id, period_kind, period, parameter, mean_value, n_months, direction
SELECT section_id, period_kind, period, parameter, mean_value, n_months, direction
FROM section_period_parameter
WHERE list_contains($section_ids, section_id)
  AND list_contains($parameters, parameter)
ORDER BY section_id, parameter, period_kind, period
