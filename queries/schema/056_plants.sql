-- Plant effluent checked against 准IV and GB 18918 grade 1A, shared by queries/plant_effluent_check.sql
-- and queries/plant_compliance.sql (the rules are in the former's header).
-- plant_effluent_checked(start_on, end_on, town): one row per WWTP, month (from the commissioning
--   month, first day in [start_on, end_on]) and parameter (cod, bod5, nh3n, tp, tn, ss; k = 1..6 in
--   that order), with the value, the limits that apply and whether they are met (NULL: no limit).
CREATE MACRO plant_effluent_checked(start_on, end_on, town) AS TABLE
WITH e AS (
    SELECT pe.*, f.built_on, f.capacity_m3_d
    FROM plant_effluent AS pe
    JOIN facilities AS f USING (facility_id)
    WHERE f.kind = 'wwtp'
      AND (f.commissioned_on IS NULL OR pe.month >= date_trunc('month', f.commissioned_on))
      AND pe.month BETWEEN date_trunc('month', start_on::DATE) AND end_on::DATE
      AND (town IS NULL OR f.town_id = town)
),
long AS (
    SELECT facility_id, month, built_on, water_temp_c, flow_m3_d, capacity_m3_d, 'cod' AS parameter, cod_mg_l AS value, 1 AS k FROM e
    UNION ALL SELECT facility_id, month, built_on, water_temp_c, flow_m3_d, capacity_m3_d, 'bod5', bod5_mg_l, 2 FROM e
    UNION ALL SELECT facility_id, month, built_on, water_temp_c, flow_m3_d, capacity_m3_d, 'nh3n', nh3n_mg_l, 3 FROM e
    UNION ALL SELECT facility_id, month, built_on, water_temp_c, flow_m3_d, capacity_m3_d, 'tp', tp_mg_l, 4 FROM e
    UNION ALL SELECT facility_id, month, built_on, water_temp_c, flow_m3_d, capacity_m3_d, 'tn', tn_mg_l, 5 FROM e
    UNION ALL SELECT facility_id, month, built_on, water_temp_c, flow_m3_d, capacity_m3_d, 'ss', ss_mg_l, 6 FROM e
),
basis AS (
    SELECT l.*,
           CASE WHEN l.parameter = 'nh3n' AND l.water_temp_c <= 12 THEN 'GB18918_1A_LE12C'
                WHEN l.parameter = 'tp' AND l.built_on < DATE '2006-01-01' THEN 'GB18918_1A_PRE2006'
                ELSE 'GB18918_1A' END AS limit_1a_basis
    FROM long AS l
)
SELECT b.*, q.limit_value AS limit_quasi_iv, a.limit_value AS limit_1a,
       CASE WHEN q.limit_value IS NOT NULL THEN coalesce(b.value <= q.limit_value, false) END AS meets_quasi_iv,
       CASE WHEN a.limit_value IS NOT NULL THEN coalesce(b.value <= a.limit_value, false) END AS meets_1a
FROM basis AS b
LEFT JOIN standard_limits AS q
    ON q.standard = 'QUASI_IV' AND q.parameter = b.parameter AND q.class = 1
LEFT JOIN standard_limits AS a
    ON a.standard = b.limit_1a_basis AND a.parameter = b.parameter AND a.class = 1;
