-- Purpose: the status matrix of the weekly meeting: every section by the 12 months ending with the
--   chosen month, with its class and whether it met its target (NULL class = no data).
-- Grain: one row per section and month.
-- Parameters: $month (first day of the last month shown), $town_id (NULL = all).
-- Columns: section_id, name_zh, name_en, river_zh, river_en, is_assessment, target_class, month,
--   water_class, is_attained, main_pollutants (code:multiple;...), main_pollutants_zh, main_pollutants_en
WITH months AS (
    SELECT m::DATE AS month
    FROM generate_series(($month::DATE - INTERVAL 11 MONTH), $month::DATE, INTERVAL 1 MONTH) AS g(m)
)
SELECT
    s.section_id, s.name_zh, s.name_en, r.name_zh AS river_zh, r.name_en AS river_en,
    s.is_assessment, s.target_class, m.month,
    c.water_class, c.is_attained, c.main_pollutants, c.main_pollutants_zh, c.main_pollutants_en
FROM sections AS s
CROSS JOIN months AS m
LEFT JOIN rivers AS r USING (river_id)
LEFT JOIN section_period_class AS c
    ON c.section_id = s.section_id AND c.period_kind = 'month' AND c.period = m.month
WHERE ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY NOT s.is_assessment,
         CASE s.control_level WHEN 'national' THEN 1 WHEN 'provincial' THEN 2 WHEN 'city' THEN 3 ELSE 4 END,
         s.section_id, m.month
