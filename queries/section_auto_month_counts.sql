-- Purpose: how many automatic-station readings each month of a range holds for chosen sections and
--   parameters (from the monthly aggregate): the section page caps the automatic series it draws at
--   a number of points and shows the latest months that fit (bishui.rules.bounds.auto_window).
-- Grain: one row per month with automatic readings.
-- Parameters: $section_ids (list), $parameters (list), $start, $end (dates).
-- Columns: month, n_readings
SELECT month, sum(n)::BIGINT AS n_readings
FROM readings_monthly
WHERE source = 'auto'
  AND list_contains($section_ids, section_id)
  AND list_contains($parameters, parameter)
  AND month BETWEEN date_trunc('month', $start::DATE)::DATE AND $end::DATE
GROUP BY month
ORDER BY month
