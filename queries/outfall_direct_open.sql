-- Purpose: the domestic-sewage direct outfalls (生活污水直排口) not closed out (销号) at the end of a
--   month, with their rectification deadline and whether it has passed.
-- Grain: one row per open direct outfall.
-- Parameters: $month (first day of the month), $town_id (NULL = whole district).
-- Columns: outfall_id, name_zh, river_zh, river_en, town_id, town_zh, town_en, recorded_status,
--   responsible_unit, discovered_on, rectification_deadline, is_overdue, lon, lat
WITH e AS (SELECT last_day($month::DATE) AS as_of)
SELECT
    o.outfall_id, o.name_zh, r.name_zh AS river_zh, r.name_en AS river_en,
    o.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
    o.status AS recorded_status, o.responsible_unit, o.discovered_on, o.rectification_deadline,
    coalesce(o.rectification_deadline < e.as_of AND (o.rectified_on IS NULL OR o.rectified_on > e.as_of), false) AS is_overdue,
    o.lon, o.lat
FROM outfalls AS o
CROSS JOIN e
LEFT JOIN rivers AS r USING (river_id)
LEFT JOIN towns AS t USING (town_id)
WHERE o.is_direct_sewage AND o.discovered_on <= e.as_of
  AND (o.closed_on IS NULL OR o.closed_on > e.as_of)
  AND NOT (o.status = 'closed' AND o.closed_on IS NULL)
  AND ($town_id IS NULL OR o.town_id = $town_id)
ORDER BY o.rectification_deadline NULLS LAST, o.outfall_id
