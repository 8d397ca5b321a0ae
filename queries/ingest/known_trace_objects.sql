-- Purpose: the codes and names of every object source tracing places along the rivers, by kind, that a
--   river_positions import file may refer to (matched by code or name within its object kind; the kinds
--   are trace_objects.sql's).
-- Grain: one row per (kind, object).
-- Parameters: none.
-- Columns: kind (section | outfall | plant | overflow | blank_area | black_odorous), id, name_zh, name_en
SELECT 'section' AS kind, section_id AS id, name_zh, name_en FROM sections
UNION ALL
SELECT 'outfall', outfall_id, name_zh, NULL::VARCHAR FROM outfalls
UNION ALL
SELECT CASE kind WHEN 'wwtp' THEN 'plant' ELSE 'overflow' END, facility_id, name_zh, name_en
FROM facilities WHERE kind IN ('wwtp', 'overflow_point')
UNION ALL
SELECT 'blank_area', area_id, name_zh, NULL::VARCHAR FROM network_blank_areas
UNION ALL
SELECT 'black_odorous', body_id, name_zh, name_en FROM water_bodies
ORDER BY 1, 2
