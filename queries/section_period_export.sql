-- Purpose: the evaluation of every section for one kind of period, in the `bishui evaluate` output
--   format (also the download format of the evaluation).
-- Grain: one row per section and period.
-- Parameters: $period_kind ('month' | 'year'), $now (the app's now, bishui.clock: is the period over?).
-- Columns: section_id, period (YYYY-MM or YYYY), water_class (1-6), water_class_label (Ⅰ…劣Ⅴ),
--   target_class, is_attained (true/false), main_pollutants (code:multiple;...), main_pollutants_zh,
--   exceed_target, tn_class, missing_basic, is_incomplete, months_with_data, is_insufficient,
--   dl_insufficient (code;... graded no better than the class of their detection limit),
--   completeness (section_period_completeness, queries/schema/062_completeness.sql: complete |
--   provisional | incomplete | no_flow),
--   missing_items (code;... of the expected items without a value)
SELECT
    c.section_id,
    CASE WHEN $period_kind = 'year' THEN strftime(c.period, '%Y') ELSE strftime(c.period, '%Y-%m') END AS period,
    c.water_class,
    CASE c.water_class WHEN 1 THEN 'Ⅰ' WHEN 2 THEN 'Ⅱ' WHEN 3 THEN 'Ⅲ' WHEN 4 THEN 'Ⅳ'
                       WHEN 5 THEN 'Ⅴ' WHEN 6 THEN '劣Ⅴ' ELSE '' END AS water_class_label,
    c.target_class,
    CASE WHEN c.is_attained THEN 'true' WHEN NOT c.is_attained THEN 'false' ELSE '' END AS is_attained,
    c.main_pollutants,
    c.main_pollutants_zh,
    c.exceed_target,
    c.tn_class,
    c.missing_basic,
    CASE WHEN c.is_incomplete THEN 'true' ELSE 'false' END AS is_incomplete,
    c.months_with_data,
    CASE WHEN c.is_insufficient THEN 'true' ELSE 'false' END AS is_insufficient,
    c.dl_insufficient,
    k.status AS completeness,
    k.missing_text AS missing_items
FROM section_period_class AS c
JOIN section_period_completeness($now) AS k
    ON k.section_id = c.section_id AND k.period_kind = c.period_kind AND k.period = c.period
WHERE c.period_kind = $period_kind
ORDER BY c.section_id, c.period
