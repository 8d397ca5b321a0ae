-- Purpose: the codes and names of the facilities an import file may refer to (matched by code or name).
-- Grain: one row per row of facilities.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT facility_id AS id, name_zh AS name_zh, name_en AS name_en
FROM facilities
ORDER BY 1
