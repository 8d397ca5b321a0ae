-- Purpose: the wastewater treatment plants (WWTP): status, design capacity, build and commissioning
--   dates, and the months with effluent data from commissioning on (data before the commissioning
--   month is never shown). status_at: the status as at $as_of: 'closed' if closed, 'under_construction'
--   if recorded as such or commissioned after $as_of (or never), else 'operating'.
-- Grain: one row per WWTP.
-- Parameters: $as_of (date), $town_id (NULL = all).
-- Columns: facility_id, name_zh, name_en, town_id, town_zh, town_en, status, status_at, capacity_m3_d, built_on,
--   commissioned_on, first_month, last_month, n_months
SELECT
    f.facility_id, f.name_zh, f.name_en, f.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
    f.status,
    CASE WHEN f.status = 'closed' THEN 'closed'
         WHEN f.status = 'under_construction' OR f.commissioned_on IS NULL OR f.commissioned_on > $as_of::DATE
         THEN 'under_construction'
         ELSE 'operating' END AS status_at,
    f.capacity_m3_d, f.built_on, f.commissioned_on,
    min(e.month) AS first_month, max(e.month) AS last_month, count(e.month) AS n_months
FROM facilities AS f
LEFT JOIN towns AS t USING (town_id)
LEFT JOIN plant_effluent AS e
    ON e.facility_id = f.facility_id
   AND (f.commissioned_on IS NULL OR e.month >= date_trunc('month', f.commissioned_on))
WHERE f.kind = 'wwtp' AND ($town_id IS NULL OR f.town_id = $town_id)
GROUP BY ALL
ORDER BY f.facility_id
