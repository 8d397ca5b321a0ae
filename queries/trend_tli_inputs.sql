-- Purpose: the inputs of the comprehensive trophic level index TLI (shared/reference/water-standards.md
--   §2.8) of lake and reservoir sections: the monthly or annual means (annual = mean of the monthly
--   means, as in section_period_parameter) of chlorophyll a, TP, TN, transparency (SD) and CODMn, in
--   the units of the TLI formulas (chla mg/m³, SD m, the others mg/L). The index itself is computed by
--   bishui.rules.trends.tli (the one definition of the formula).
-- Grain: one row per lake/reservoir section and period where chlorophyll a or transparency was measured.
-- Parameters: $period_kind ('month' | 'year').
-- Columns: section_id, period, chla_mg_m3, tp_mg_l, tn_mg_l, sd_m, codmn_mg_l (NULL when not measured)
SELECT
    x.section_id, x.period,
    max(x.mean_value) FILTER (WHERE x.parameter = 'chla') AS chla_mg_m3,
    max(x.mean_value) FILTER (WHERE x.parameter = 'tp') AS tp_mg_l,
    max(x.mean_value) FILTER (WHERE x.parameter = 'tn') AS tn_mg_l,
    -- transparency is stored in the unit of data/reference/parameters.csv (cm)
    max(x.mean_value * CASE p.unit WHEN 'cm' THEN 0.01 WHEN 'm' THEN 1 END) FILTER (WHERE x.parameter = 'transparency') AS sd_m,
    max(x.mean_value) FILTER (WHERE x.parameter = 'codmn') AS codmn_mg_l
FROM section_period_parameter AS x
JOIN parameters AS p ON p.code = x.parameter
WHERE x.period_kind = $period_kind
  AND x.water_body_type IN ('lake', 'reservoir')
  AND x.parameter IN ('chla', 'tp', 'tn', 'transparency', 'codmn')
GROUP BY x.section_id, x.period
HAVING count(*) FILTER (WHERE x.parameter IN ('chla', 'transparency')) > 0
ORDER BY x.section_id, x.period
