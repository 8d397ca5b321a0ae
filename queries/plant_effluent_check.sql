-- Purpose: the monthly effluent of every WWTP, parameter by parameter, against 准IV (standard
--   QUASI_IV: GB 3838 class IV river limits COD 30, BOD5 6, NH3-N 1.5, TP 0.3 mg/L; TN and SS
--   excepted, so no quasi-IV limit) and against GB 18918-2002 grade 1A (standard GB18918_1A; NH3-N 8
--   instead of 5 when the water temperature is <= 12 °C (GB18918_1A_LE12C; an unknown temperature
--   takes the stricter 5); TP 1 instead of 0.5 for plants built before 2006-01-01
--   (GB18918_1A_PRE2006)). Limits are read from standard_limits; a value equal to the limit meets it.
--   Only months from the plant's commissioning month. GB 18918 compares daily means; the warehouse
--   holds monthly means, so this is a monthly check. month_meets_* are the month's verdicts over the
--   parameters that have a limit (a missing value fails the month: it cannot be shown to comply).
--   The checks are the table macro plant_effluent_checked (queries/schema/056_plants.sql).
-- Grain: one row per plant, month and parameter (cod, bod5, nh3n, tp, tn, ss).
-- Parameters: $start, $end (months whose first day lies in [start, end]), $town_id (NULL = all).
-- Columns: facility_id, month, parameter, parameter_zh, parameter_en, unit, value, water_temp_c,
--   limit_quasi_iv, limit_1a, limit_1a_basis (standard of the 1A limit used), meets_quasi_iv, meets_1a,
--   month_meets_quasi_iv, month_meets_1a
SELECT
    c.facility_id, c.month, c.parameter, p.name_zh AS parameter_zh, p.name_en AS parameter_en, p.unit,
    c.value, c.water_temp_c, c.limit_quasi_iv, c.limit_1a, c.limit_1a_basis, c.meets_quasi_iv, c.meets_1a,
    bool_and(c.meets_quasi_iv) OVER w AS month_meets_quasi_iv,
    bool_and(c.meets_1a) OVER w AS month_meets_1a
FROM plant_effluent_checked($start, $end, $town_id) AS c
JOIN parameters AS p ON p.code = c.parameter
WINDOW w AS (PARTITION BY c.facility_id, c.month)
ORDER BY c.facility_id, c.month, c.k
