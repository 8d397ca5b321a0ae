-- Purpose: the monitored parameters with names, units and grading metadata.
-- Grain: one row per parameter.
-- Parameters: none.
-- Columns: code, name_zh, name_en, unit, direction, decimals, enters_class, is_basic, sort_order
SELECT code, name_zh, name_en, unit, direction, decimals, enters_class, is_basic, sort_order
FROM parameters
ORDER BY sort_order
