-- Purpose: where every object source tracing may place along the rivers is, whatever its status or
--   date (the positions do not change with the month: bishui.db.tracing_data computes them once per
--   warehouse version): sections, outfalls, WWTPs and overflow points, blank areas, black-odorous
--   bodies, with their own river where the ledger records one and their imported position.
-- Grain: one row per object (kind, object_id).
-- Parameters: none.
-- Columns: kind, object_id, river_id, lon, lat, river_imported, km_imported
WITH objects AS (
    SELECT 'section' AS kind, section_id AS object_id, river_id, lon, lat FROM sections
    UNION ALL
    SELECT 'outfall', outfall_id, river_id, lon, lat FROM outfalls
    UNION ALL
    SELECT CASE kind WHEN 'wwtp' THEN 'plant' ELSE 'overflow' END, facility_id, NULL, lon, lat
    FROM facilities WHERE kind IN ('wwtp', 'overflow_point')
    UNION ALL
    SELECT 'blank_area', area_id, NULL, lon, lat FROM network_blank_areas
    UNION ALL
    SELECT 'black_odorous', body_id, NULL, lon, lat FROM water_bodies
)
SELECT o.kind, o.object_id, o.river_id, o.lon, o.lat, p.river_id AS river_imported, p.km AS km_imported
FROM objects AS o
LEFT JOIN river_positions AS p ON p.object_kind = o.kind AND p.object_id = o.object_id
ORDER BY o.kind, o.object_id
