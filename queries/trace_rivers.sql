-- Purpose: the river network for source tracing: every river with its line and, where imported, the
--   river it flows into, the confluence km on that river and how its line is drawn.
-- Grain: one row per river.
-- Parameters: none.
-- Columns: river_id, name_zh, name_en, geom_wkb, flows_into_id, confluence_km, line_drawn
SELECT r.river_id, r.name_zh, r.name_en, r.geom_wkb,
       n.flows_into_id, n.confluence_km, coalesce(n.line_drawn, 'downstream') AS line_drawn
FROM rivers AS r
LEFT JOIN river_network AS n USING (river_id)
ORDER BY r.river_id
