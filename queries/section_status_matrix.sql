-- Purpose: the status matrix of the weekly meeting: every section by the 12 months ending with the
--   chosen month, with its class and whether it met its target (NULL class = no data). is_attained
--   is judged only for complete months (section_month_completeness, 062_completeness.sql): a
--   provisional, incomplete, no-flow or empty month has is_attained NULL and says why in completeness.
-- Grain: one row per section and month.
-- Parameters: $month (first day of the last month shown), $town_id (NULL = all), $now (the app's now).
-- Columns: section_id, name_zh, name_en, river_zh, river_en, is_assessment, target_class, month,
--   water_class, is_attained, main_pollutants (code:multiple;...), main_pollutants_zh, main_pollutants_en,
--   completeness (complete | provisional | incomplete | no_data | no_flow), missing_items (code;...),
--   auto_days, no_flow_reason
WITH months AS (
    SELECT m::DATE AS month
    FROM generate_series(($month::DATE - INTERVAL 11 MONTH), $month::DATE, INTERVAL 1 MONTH) AS g(m)
)
SELECT
    s.section_id, s.name_zh, s.name_en, r.name_zh AS river_zh, r.name_en AS river_en,
    s.is_assessment, s.target_class, m.month,
    c.water_class, k.judged_attained AS is_attained, c.main_pollutants, c.main_pollutants_zh, c.main_pollutants_en,
    coalesce(k.status, 'no_data') AS completeness, k.missing_text AS missing_items, k.auto_days, k.no_flow_reason
FROM sections AS s
CROSS JOIN months AS m
LEFT JOIN rivers AS r USING (river_id)
LEFT JOIN section_period_class AS c
    ON c.section_id = s.section_id AND c.period_kind = 'month' AND c.period = m.month
LEFT JOIN section_month_completeness($now) AS k
    ON k.section_id = s.section_id AND k.month = m.month
WHERE ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY NOT s.is_assessment,
         CASE s.control_level WHEN 'national' THEN 1 WHEN 'provincial' THEN 2 WHEN 'city' THEN 3 ELSE 4 END,
         s.section_id, m.month
