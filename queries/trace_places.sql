-- Purpose: everything source tracing places along the rivers at a date: the monitoring sections, the
--   outfalls open at that date (outfalls_as_of), the operating WWTPs (commissioned by then) and
--   overflow points, the blank areas open then (blank_areas_as_of) and the black-odorous bodies not
--   closed out then (water_bodies_as_of), each with its own river where the ledger records one and its
--   imported position (river_positions) where there is one.
-- Grain: one row per object (kind, object_id).
-- Parameters: $as_of (date: the last day of the traced month); $object_ids (list: only the sections and
--   the objects with these ids, e.g. those whose position (trace_objects) lies in the traced reach;
--   NULL: all).
-- Columns: kind (section | outfall | plant | overflow | blank_area | black_odorous), object_id, name_zh,
--   name_en, river_id, lon, lat, river_imported, km_imported, is_direct_sewage, is_combined_overflow
--   (the last two for outfalls only: a direct domestic-sewage or a combined-sewer overflow outfall)
WITH objects AS (
    SELECT 'section' AS kind, section_id AS object_id, name_zh, name_en, river_id, lon, lat,
           NULL::BOOLEAN AS is_direct_sewage, NULL::BOOLEAN AS is_combined_overflow
    FROM sections
    UNION ALL
    SELECT 'outfall', outfall_id, name_zh, name_zh, river_id, lon, lat, is_direct_sewage,
           sub_type = 'combined_overflow'
    FROM outfalls_as_of($as_of::DATE) WHERE is_open
    UNION ALL
    SELECT CASE kind WHEN 'wwtp' THEN 'plant' ELSE 'overflow' END, facility_id, name_zh, name_en, NULL, lon, lat, NULL, NULL
    FROM facilities
    WHERE kind IN ('wwtp', 'overflow_point') AND status = 'operating'
      AND (commissioned_on IS NULL OR commissioned_on <= $as_of::DATE)
    UNION ALL
    SELECT 'blank_area', area_id, name_zh, name_zh, NULL, lon, lat, NULL, NULL
    FROM blank_areas_as_of($as_of::DATE) WHERE is_open
    UNION ALL
    SELECT 'black_odorous', body_id, name_zh, name_en, NULL, lon, lat, NULL, NULL
    FROM water_bodies_as_of($as_of::DATE) WHERE is_open
)
SELECT o.kind, o.object_id, o.name_zh, o.name_en, o.river_id, o.lon, o.lat,
       p.river_id AS river_imported, p.km AS km_imported, o.is_direct_sewage, o.is_combined_overflow
FROM objects AS o
LEFT JOIN river_positions AS p ON p.object_kind = o.kind AND p.object_id = o.object_id
WHERE $object_ids IS NULL OR o.kind = 'section' OR o.object_id IN (SELECT unnest($object_ids::VARCHAR[]))
ORDER BY o.kind, o.object_id
