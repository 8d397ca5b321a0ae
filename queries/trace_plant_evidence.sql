-- Purpose: each WWTP's effluent in one month for one parameter, against GB 18918 grade 1A (the limit
--   that applies by water temperature and build year) and 准IV (plant_effluent_checked), with the
--   flow and the load rate (flow / design capacity).
-- Grain: one row per WWTP with effluent data in the month.
-- Parameters: $month (first day of the month), $parameter (code: cod, bod5, nh3n, tp, tn or ss).
-- Columns: facility_id, month, value, limit_1a, limit_quasi_iv, meets_1a, flow_m3_d, capacity_m3_d,
--   load_rate_pct
SELECT facility_id, month, value, limit_1a, limit_quasi_iv, meets_1a, flow_m3_d, capacity_m3_d,
       CASE WHEN capacity_m3_d > 0 THEN 100.0 * flow_m3_d / capacity_m3_d END AS load_rate_pct
FROM plant_effluent_checked($month::DATE, $month::DATE, NULL)
WHERE parameter = $parameter
ORDER BY facility_id
