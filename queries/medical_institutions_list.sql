-- Purpose: the medical institutions (医疗机构, plan task 14) with what decides their GB 18466 column, the
--   column and status in $month (medical_month_status, queries/schema/067_medical.sql), and the latest
--   sample on or before $as_of with the unmonitored flag (no sample in the $stale_months months before
--   $as_of, medical_last_monitored).
-- Grain: one row per institution (of $town_id; NULL = all).
-- Parameters: $month (first day of the month shown), $as_of (date: now), $stale_months (integer N),
--   $town_id (NULL = all).
-- Columns: institution_id, name_zh, name_en, town_id, town_zh, town_en, level, beds, is_infectious,
--   treatment, disinfection, discharge_to, river_id, river_zh, river_en, plant_id, plant_zh, plant_en, lon,
--   lat, column_code, status, n_samples, n_exceeded, exceeded_parameters (codes; separated by ';'),
--   last_sampled_on, months_since, is_unmonitored
SELECT i.institution_id, i.name_zh, i.name_en, i.town_id, t.name_zh AS town_zh, t.name_en AS town_en, i.level,
       i.beds, i.is_infectious, i.treatment, i.disinfection, i.discharge_to, i.river_id, r.name_zh AS river_zh,
       r.name_en AS river_en, i.plant_id, f.name_zh AS plant_zh, f.name_en AS plant_en, i.lon, i.lat,
       s.column_code, s.status, s.n_samples, s.n_exceeded, s.exceeded_parameters,
       l.last_sampled_on, l.months_since, l.is_unmonitored
FROM medical_institutions AS i
LEFT JOIN towns AS t ON t.town_id = i.town_id
LEFT JOIN rivers AS r ON r.river_id = i.river_id
LEFT JOIN facilities AS f ON f.facility_id = i.plant_id
LEFT JOIN medical_month_status($month::DATE, $month::DATE, $as_of::DATE) AS s ON s.institution_id = i.institution_id
LEFT JOIN medical_last_monitored($as_of::DATE, $stale_months) AS l ON l.institution_id = i.institution_id
WHERE ($town_id IS NULL OR i.town_id = $town_id)
ORDER BY i.institution_id
