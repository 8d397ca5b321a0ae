-- Purpose: every sampled item of a medical institution outside its GB 18466 limit (above the maximum,
--   with the exceedance multiple (value - max) / max except for pH, or below the minimum: residual
--   chlorine, pH), with the limit and the row of the standard it comes from (medical_checked,
--   queries/schema/067_medical.sql).
-- Grain: one row per institution, sampling day and parameter outside its limit.
-- Parameters: $start, $end (sampling days in [start, end]; end capped at $as_of), $as_of (date: now),
--   $town_id (NULL = all).
-- Columns: institution_id, name_zh, name_en, town_id, sampled_on, month, column_code, parameter, value, unit,
--   min_value, max_value, verdict (above | below), exceed_multiple, source_row, source_row_en
SELECT c.institution_id, i.name_zh, i.name_en, i.town_id, c.sampled_on, c.month, c.column_code, c.parameter,
       c.value, c.unit, c.min_value, c.max_value, c.verdict, c.exceed_multiple, c.source_row, c.source_row_en
FROM medical_checked($start::DATE, least($end::DATE, $as_of::DATE)) AS c
JOIN medical_institutions AS i USING (institution_id)
WHERE c.verdict IN ('above', 'below')
  AND ($town_id IS NULL OR i.town_id = $town_id)
ORDER BY c.sampled_on DESC, c.institution_id, c.sort_order
