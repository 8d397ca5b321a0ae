-- Purpose: the monitoring of medical institutions in long form (date, parameter, value, unit) with the
--   GB 18466 column, the limit or range that applies and the verdict (medical_checked,
--   queries/schema/067_medical.sql): what the page's downloads hold.
-- Grain: one row per institution, sampling day and measured parameter.
-- Parameters: $start, $end (sampling days in [start, end]; end capped at $as_of), $as_of (date: now),
--   $town_id (NULL = all).
-- Columns: institution_id, name_zh, name_en, sampled_on, parameter, value, unit, column_code, min_value,
--   max_value, verdict (ok | above | below; NULL = no limit applies), exceed_multiple
SELECT c.institution_id, i.name_zh, i.name_en, c.sampled_on, c.parameter, c.value, c.unit, c.column_code,
       c.min_value, c.max_value, c.verdict, c.exceed_multiple
FROM medical_checked($start::DATE, least($end::DATE, $as_of::DATE)) AS c
JOIN medical_institutions AS i USING (institution_id)
WHERE ($town_id IS NULL OR i.town_id = $town_id)
ORDER BY c.institution_id, c.sampled_on, c.sort_order
