-- Purpose: automatic-station readings at their own resolution (every 4 hours) for chosen sections
--   and parameters over a date range.
-- Grain: one row per reading.
-- Parameters: $section_ids (list), $parameters (list), $start, $end (dates).
-- Columns: section_id, parameter, sampled_at, value, below_detection_limit, detection_limit
SELECT section_id, parameter, sampled_at,
       CASE WHEN below_detection_limit THEN detection_limit / 2 ELSE value END AS value,
       below_detection_limit, detection_limit
FROM readings
WHERE source = 'auto'
  AND list_contains($section_ids, section_id)
  AND list_contains($parameters, parameter)
  AND sampled_on BETWEEN $start::DATE AND $end::DATE
ORDER BY parameter, section_id, sampled_at
