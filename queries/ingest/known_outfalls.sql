-- Purpose: the codes and names of the outfalls an import file may refer to (matched by code or name).
-- Grain: one row per row of outfalls.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT outfall_id AS id, name_zh AS name_zh, NULL::VARCHAR AS name_en
FROM outfalls
ORDER BY 1
