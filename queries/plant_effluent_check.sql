-- Purpose: the monthly effluent of every WWTP, parameter by parameter, against 准IV (standard
--   QUASI_IV: GB 3838 class IV river limits COD 30, BOD5 6, NH3-N 1.5, TP 0.3 mg/L; TN and SS
--   excepted, so no quasi-IV limit) and against GB 18918-2002 grade 1A (standard GB18918_1A; NH3-N 8
--   instead of 5 when the water temperature is <= 12 °C (GB18918_1A_LE12C; an unknown temperature
--   takes the stricter 5); TP 1 instead of 0.5 for plants built before 2006-01-01
--   (GB18918_1A_PRE2006)). Limits are read from standard_limits; a value equal to the limit meets it.
--   Only months from the plant's commissioning month. GB 18918 compares daily means; the warehouse
--   holds monthly means, so this is a monthly check. month_meets_* are the month's verdicts over the
--   parameters that have a limit (a missing value fails the month: it cannot be shown to comply).
-- Grain: one row per plant, month and parameter (cod, bod5, nh3n, tp, tn, ss).
-- Parameters: $start, $end (months whose first day lies in [start, end]), $town_id (NULL = all).
-- Columns: facility_id, month, parameter, parameter_zh, parameter_en, unit, value, water_temp_c,
--   limit_quasi_iv, limit_1a, limit_1a_basis (standard of the 1A limit used), meets_quasi_iv, meets_1a,
--   month_meets_quasi_iv, month_meets_1a
WITH e AS (
    SELECT pe.*, f.built_on
    FROM plant_effluent AS pe
    JOIN facilities AS f USING (facility_id)
    WHERE f.kind = 'wwtp'
      AND (f.commissioned_on IS NULL OR pe.month >= date_trunc('month', f.commissioned_on))
      AND pe.month BETWEEN date_trunc('month', $start::DATE) AND $end::DATE
      AND ($town_id IS NULL OR f.town_id = $town_id)
),
long AS (
    SELECT facility_id, month, built_on, water_temp_c, 'cod' AS parameter, cod_mg_l AS value, 1 AS k FROM e
    UNION ALL SELECT facility_id, month, built_on, water_temp_c, 'bod5', bod5_mg_l, 2 FROM e
    UNION ALL SELECT facility_id, month, built_on, water_temp_c, 'nh3n', nh3n_mg_l, 3 FROM e
    UNION ALL SELECT facility_id, month, built_on, water_temp_c, 'tp', tp_mg_l, 4 FROM e
    UNION ALL SELECT facility_id, month, built_on, water_temp_c, 'tn', tn_mg_l, 5 FROM e
    UNION ALL SELECT facility_id, month, built_on, water_temp_c, 'ss', ss_mg_l, 6 FROM e
),
basis AS (
    SELECT l.*,
           CASE WHEN l.parameter = 'nh3n' AND l.water_temp_c <= 12 THEN 'GB18918_1A_LE12C'
                WHEN l.parameter = 'tp' AND l.built_on < DATE '2006-01-01' THEN 'GB18918_1A_PRE2006'
                ELSE 'GB18918_1A' END AS limit_1a_basis
    FROM long AS l
),
checked AS (
    SELECT b.*, q.limit_value AS limit_quasi_iv, a.limit_value AS limit_1a,
           CASE WHEN q.limit_value IS NOT NULL THEN coalesce(b.value <= q.limit_value, false) END AS meets_quasi_iv,
           CASE WHEN a.limit_value IS NOT NULL THEN coalesce(b.value <= a.limit_value, false) END AS meets_1a
    FROM basis AS b
    LEFT JOIN standard_limits AS q
        ON q.standard = 'QUASI_IV' AND q.parameter = b.parameter AND q.class = 1
    LEFT JOIN standard_limits AS a
        ON a.standard = b.limit_1a_basis AND a.parameter = b.parameter AND a.class = 1
)
SELECT
    c.facility_id, c.month, c.parameter, p.name_zh AS parameter_zh, p.name_en AS parameter_en, p.unit,
    c.value, c.water_temp_c, c.limit_quasi_iv, c.limit_1a, c.limit_1a_basis, c.meets_quasi_iv, c.meets_1a,
    bool_and(c.meets_quasi_iv) OVER w AS month_meets_quasi_iv,
    bool_and(c.meets_1a) OVER w AS month_meets_1a
FROM checked AS c
JOIN parameters AS p ON p.code = c.parameter
WINDOW w AS (PARTITION BY c.facility_id, c.month)
ORDER BY c.facility_id, c.month, c.k
