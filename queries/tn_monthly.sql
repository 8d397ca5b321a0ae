-- Purpose: the monthly TN means of every section (the series behind the TN action's chart; TN is never
--   graded for rivers, so no class).
-- Grain: one row per section and month with a TN mean, months in [start, end].
-- Parameters: $start, $end, $town_id (NULL = all).
-- Columns: section_id, name_zh, name_en, month, mean_value, source_used
SELECT p.section_id, s.name_zh, s.name_en, p.period AS month, p.mean_value, p.source_used
FROM section_period_parameter AS p
JOIN sections AS s USING (section_id)
WHERE p.period_kind = 'month' AND p.parameter = 'tn' AND p.period BETWEEN $start AND $end
  AND ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY p.section_id, p.period
