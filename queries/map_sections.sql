-- Purpose: the monitoring sections with their GB 3838 class in a month (section_period_class,
--   period_kind 'month'), for colouring them on the maps.
-- Grain: one row per section.
--   A month that is not complete (section_month_completeness, 062_completeness.sql) carries its status
--   so the map never shows it as a final class.
-- Parameters: $month (first day of the month), $now (the app's now).
-- Columns: section_id, name_zh, name_en, river_zh, river_en, control_level, target_class,
--   water_class (NULL = no data that month), is_attained (judged: NULL unless complete),
--   completeness (complete | provisional | incomplete | no_data | no_flow), main_pollutants_zh,
--   main_pollutants_en, lon, lat
SELECT
    s.section_id, s.name_zh, s.name_en, r.name_zh AS river_zh, r.name_en AS river_en,
    s.control_level, s.target_class,
    c.water_class, k.judged_attained AS is_attained, coalesce(k.status, 'no_data') AS completeness,
    c.main_pollutants_zh, c.main_pollutants_en,
    s.lon, s.lat
FROM sections AS s
LEFT JOIN rivers AS r USING (river_id)
LEFT JOIN section_period_class AS c
    ON c.section_id = s.section_id AND c.period_kind = 'month' AND c.period = $month::DATE
LEFT JOIN section_month_completeness($now) AS k
    ON k.section_id = s.section_id AND k.month = $month::DATE
ORDER BY s.rowid
