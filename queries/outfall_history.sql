-- Purpose: one outfall's inspection history (一口一档): every measured parameter against the limit
--   that applies to the outfall, with the exceedance and its multiple of the limit.
-- Grain: one row per inspection day and parameter.
-- Parameters: $outfall_id.
-- Columns: outfall_id, inspected_on, parameter, parameter_zh, parameter_en, unit, has_flow, value,
--   limit_value, is_exceeded, multiple (value / limit)
SELECT
    i.outfall_id, i.inspected_on, i.parameter,
    coalesce(p.name_zh, i.parameter) AS parameter_zh,
    coalesce(p.name_en, i.parameter) AS parameter_en,
    coalesce(p.unit, '') AS unit,
    i.has_flow, i.value, i.limit_value,
    coalesce(i.has_flow AND i.value > i.limit_value, false) AS is_exceeded,
    CASE WHEN i.limit_value > 0 THEN i.value / i.limit_value END AS multiple
FROM outfall_inspections AS i
LEFT JOIN parameters AS p ON p.code = i.parameter
WHERE i.outfall_id = $outfall_id
ORDER BY i.inspected_on, coalesce(p.sort_order, 999), i.parameter
