-- Purpose: the point pollution sources that may lie in a protection zone: outfalls still open at $now (the page
--   passes the end of the chosen month)
--   (outfalls_as_of: not closed out) and the WWTPs, pump stations and overflow points not closed.
--   (The warehouse has no roads and no farms with coordinates: farms appear as livestock outfalls.)
-- Grain: one row per outfall or facility with coordinates.
-- Parameters: $now.
-- Columns: object_kind, object_id, name_zh, name_en, sub_kind, status, lon, lat
SELECT 'outfall' AS object_kind, outfall_id AS object_id, name_zh, name_zh AS name_en, sub_type AS sub_kind,
       status_as_of AS status, lon, lat
FROM outfalls_as_of($now)
WHERE is_open AND lon IS NOT NULL AND lat IS NOT NULL
UNION ALL
SELECT 'facility', facility_id, name_zh, name_en, kind, status, lon, lat
FROM facilities
WHERE status <> 'closed' AND lon IS NOT NULL AND lat IS NOT NULL
ORDER BY 1, 2
