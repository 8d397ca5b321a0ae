-- Purpose: the monthly GB 18466 status of every medical institution (compliant | exceeded | no_data |
--   pending | not_applicable; rules in queries/schema/067_medical.sql, medical_month_status).
-- Grain: one row per institution and month in [$start, $end] (months not after $as_of's).
-- Parameters: $start, $end (months: first days), $as_of (date: now), $town_id (NULL = all).
-- Columns: institution_id, name_zh, name_en, month, column_code, status, n_samples, n_exceeded,
--   exceeded_parameters (codes; separated by ';'), is_complete
SELECT s.institution_id, i.name_zh, i.name_en, s.month, s.column_code, s.status, s.n_samples, s.n_exceeded,
       s.exceeded_parameters, s.is_complete
FROM medical_month_status($start::DATE, $end::DATE, $as_of::DATE) AS s
JOIN medical_institutions AS i USING (institution_id)
WHERE ($town_id IS NULL OR i.town_id = $town_id)
ORDER BY s.institution_id, s.month
