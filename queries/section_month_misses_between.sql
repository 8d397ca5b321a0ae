-- Purpose: the sections that missed their target class in each month of a range (the months that
--   closed since the last meeting), with the main pollutants and the parameters over the target:
--   section_month_misses.sql for many months in one query.
-- Grain: one row per month and section that missed.
-- Parameters: $start, $end (first days of the first and last month), $town_id (NULL = all).
-- Columns: month, section_id, name_zh, name_en, town_zh, town_en, is_assessment, water_class, target_class,
--   main_pollutants (code:multiple;...), main_pollutants_zh, main_pollutants_en, exceed_target, exceed_target_zh, exceed_target_en,
--   is_do_below_target
SELECT
    c.period AS month,
    s.section_id, s.name_zh, s.name_en, t.name_zh AS town_zh, t.name_en AS town_en, s.is_assessment,
    c.water_class, c.target_class,
    c.main_pollutants, c.main_pollutants_zh, c.main_pollutants_en, c.exceed_target, c.exceed_target_zh, c.exceed_target_en,
    c.is_do_below_target
FROM section_period_class AS c
JOIN sections AS s USING (section_id)
LEFT JOIN towns AS t ON t.town_id = s.town_id
WHERE c.period_kind = 'month' AND c.period BETWEEN $start::DATE AND $end::DATE AND NOT c.is_attained
  AND ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY c.period, c.water_class - c.target_class DESC, c.water_class DESC, s.section_id
