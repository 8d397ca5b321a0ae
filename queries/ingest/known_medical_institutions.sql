-- Purpose: the codes and names of the medical institutions an import file may refer to (matched by code or name).
-- Grain: one row per row of medical_institutions.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT institution_id AS id, name_zh AS name_zh, name_en AS name_en
FROM medical_institutions
ORDER BY 1
