-- Purpose: the WWTPs, pump stations and known overflow points for the maps.
-- Grain: one row per facility.
-- Parameters: none.
-- Columns: facility_id, kind, name_zh, name_en, town_id, town_zh, town_en, capacity_m3_d, status, lon, lat
SELECT
    f.facility_id, f.kind, f.name_zh, f.name_en,
    f.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
    f.capacity_m3_d, f.status, f.lon, f.lat
FROM facilities AS f
LEFT JOIN towns AS t USING (town_id)
ORDER BY CASE f.kind WHEN 'wwtp' THEN 1 WHEN 'pump_station' THEN 2 ELSE 3 END, f.facility_id
