-- Purpose: the drinking-water sources' intake points with their compliance in one month (for the map).
-- Grain: one row per source.
-- Parameters: $now, $month (first day), $town_id (NULL = all).
-- Columns: source_id, name_zh, name_en, source_type, town_id, target_class, supply_m3_d, lon, lat, status,
--   n_failed
SELECT s.source_id, s.name_zh, s.name_en, s.source_type, s.town_id, s.target_class, s.supply_m3_d, s.lon, s.lat,
       coalesce(d.status, 'no_data') AS status, coalesce(d.n_failed, 0) AS n_failed
FROM drinking_sources AS s
LEFT JOIN drinking_source_months($now) AS d ON d.source_id = s.source_id AND d.month = $month
WHERE $town_id IS NULL OR s.town_id = $town_id
ORDER BY s.source_id
