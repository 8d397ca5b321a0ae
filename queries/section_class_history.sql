-- Purpose: the evaluated class of chosen sections per month or per year over a date range (class
--   strips, annual classes, the monthly table).
-- Grain: one row per section and period.
-- Parameters: $section_ids (list), $period_kind ('month' | 'year'), $start, $end (dates).
-- Columns: section_id, period, water_class, target_class, is_attained, main_pollutants,
--   main_pollutants_zh, main_pollutants_en, exceed_target, tn_class, missing_basic, months_with_data,
--   is_insufficient
SELECT section_id, period, water_class, target_class, is_attained, main_pollutants,
       main_pollutants_zh, main_pollutants_en, exceed_target, tn_class, missing_basic,
       months_with_data, is_insufficient
FROM section_period_class
WHERE period_kind = $period_kind
  AND list_contains($section_ids, section_id)
  AND period BETWEEN date_trunc(CASE WHEN $period_kind = 'year' THEN 'year' ELSE 'month' END, $start::DATE)
                 AND $end::DATE
ORDER BY section_id, period
