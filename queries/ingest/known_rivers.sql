-- Purpose: the codes and names of the rivers an import file may refer to (matched by code or name).
-- Grain: one row per row of rivers.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT river_id AS id, name_zh AS name_zh, name_en AS name_en
FROM rivers
ORDER BY 1
