-- Purpose: the evaluated class of chosen sections per month or per year over a date range (class
--   strips, annual classes, the monthly table).
-- Grain: one row per section and period.
--   is_attained is judged only for complete periods (section_period_completeness, 062_completeness.sql).
-- Parameters: $section_ids (list), $period_kind ('month' | 'year'), $start, $end (dates), $now (the app's now).
-- Columns: section_id, period, water_class, target_class, is_attained, main_pollutants,
--   main_pollutants_zh, main_pollutants_en, exceed_target, tn_class, missing_basic, months_with_data,
--   is_insufficient, completeness (complete | provisional | incomplete | no_flow), missing_items
--   (code;...), auto_days
SELECT c.section_id, c.period, c.water_class, c.target_class, k.judged_attained AS is_attained, c.main_pollutants,
       c.main_pollutants_zh, c.main_pollutants_en, c.exceed_target, c.tn_class, c.missing_basic,
       c.months_with_data, c.is_insufficient, k.status AS completeness, k.missing_text AS missing_items, k.auto_days
FROM section_period_class AS c
JOIN section_period_completeness($now) AS k
    ON k.section_id = c.section_id AND k.period_kind = c.period_kind AND k.period = c.period
WHERE c.period_kind = $period_kind
  AND list_contains($section_ids, c.section_id)
  AND c.period BETWEEN date_trunc(CASE WHEN $period_kind = 'year' THEN 'year' ELSE 'month' END, $start::DATE)
                 AND $end::DATE
ORDER BY c.section_id, c.period
