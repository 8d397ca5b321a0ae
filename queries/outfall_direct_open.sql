-- Purpose: the domestic-sewage direct outfalls (生活污水直排口) not closed out (销号) at the end of a
--   month, with their rectification deadline and whether it has passed (status rules: the table
--   macro outfalls_as_of, queries/schema/058_status_rules.sql).
-- Grain: one row per open direct outfall.
-- Parameters: $month (first day of the month), $town_id (NULL = whole district).
-- Columns: outfall_id, name_zh, river_zh, river_en, town_id, town_zh, town_en, recorded_status,
--   responsible_unit, discovered_on, rectification_deadline, is_overdue, lon, lat
SELECT
    o.outfall_id, o.name_zh, r.name_zh AS river_zh, r.name_en AS river_en,
    o.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
    o.status AS recorded_status, o.responsible_unit, o.discovered_on, o.rectification_deadline,
    o.is_overdue,
    o.lon, o.lat
FROM outfalls_as_of(last_day($month::DATE)) AS o
LEFT JOIN rivers AS r USING (river_id)
LEFT JOIN towns AS t USING (town_id)
WHERE o.is_direct_sewage AND o.is_open
  AND ($town_id IS NULL OR o.town_id = $town_id)
ORDER BY o.rectification_deadline NULLS LAST, o.outfall_id
