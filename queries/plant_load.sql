-- Purpose: the load rate of every WWTP by month: monthly mean flow / design capacity, from the
--   commissioning month, flagged when at or above the warning level (the plan asks for expansion of
--   plants near full load; the level is the setting bishui.config.load_warning_pct()).
-- Grain: one row per plant and month with effluent data.
-- Parameters: $start, $end (months whose first day lies in [start, end]), $town_id (NULL = all),
--   $warn_pct (warning level, % of design capacity).
-- Columns: facility_id, month, flow_m3_d, capacity_m3_d, load_pct, is_near_full, is_over_capacity
SELECT
    pe.facility_id, pe.month, pe.flow_m3_d, f.capacity_m3_d,
    100.0 * pe.flow_m3_d / nullif(f.capacity_m3_d, 0) AS load_pct,
    coalesce(100.0 * pe.flow_m3_d / nullif(f.capacity_m3_d, 0) >= $warn_pct, false) AS is_near_full,
    coalesce(pe.flow_m3_d > f.capacity_m3_d, false) AS is_over_capacity
FROM plant_effluent AS pe
JOIN facilities AS f USING (facility_id)
WHERE f.kind = 'wwtp'
  AND (f.commissioned_on IS NULL OR pe.month >= date_trunc('month', f.commissioned_on))
  AND pe.month BETWEEN date_trunc('month', $start::DATE) AND $end::DATE
  AND ($town_id IS NULL OR f.town_id = $town_id)
ORDER BY pe.facility_id, pe.month
