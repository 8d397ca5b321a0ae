-- Purpose: the GB 18466-2005 limits Bishui checks medical wastewater against (data/reference/medical_limits.csv),
--   with the row of the standard each comes from.
-- Grain: one row per (column_code, parameter).
-- Parameters: none.
-- Columns: column_code, parameter, unit, min_value, max_value, needs_chlorine, verified, source_row, source_row_en
SELECT l.column_code, l.parameter, l.unit, l.min_value, l.max_value, l.needs_chlorine, l.verified, l.source_row, l.source_row_en
FROM medical_limits AS l
JOIN medical_parameters() AS p USING (parameter)
ORDER BY CASE l.column_code WHEN 'table1' THEN 1 WHEN 'table2_discharge' THEN 2 ELSE 3 END, p.sort_order
