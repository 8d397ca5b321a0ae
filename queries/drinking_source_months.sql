-- Purpose: each drinking-water source's monthly compliance (水源地达标) by the rule of
--   queries/schema/065_drinking_water.sql (drinking_source_months): status met | not_met | partial |
--   no_data | open, the failing items with their values, limits and exceedance multiples, and the
--   required items a sampled month lacks.
-- Grain: one row per source and month (months whose first day lies in [start, end]).
-- Parameters: $now (the date the data are judged at), $start, $end, $town_id (NULL = all).
-- Columns: source_id, name_zh, name_en, source_type, town_id, town_zh, town_en, target_class, month,
--   is_complete, status, n_samples, last_sampled_on, n_items, n_failed, failing (list of struct
--   parameter, table_no, value, limit_value, multiple), missing_required (list of parameter codes)
SELECT s.source_id, s.name_zh, s.name_en, s.source_type, s.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
       s.target_class, d.month, d.is_complete, d.status, d.n_samples, d.last_sampled_on, d.n_items, d.n_failed,
       d.failing, d.missing_required
FROM drinking_source_months($now) AS d
JOIN drinking_sources AS s USING (source_id)
LEFT JOIN towns AS t ON t.town_id = s.town_id
WHERE d.month BETWEEN $start AND $end
  AND ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY d.month DESC, s.source_id
