-- Purpose: the codes and names of the townships an import file may refer to (matched by code or name).
-- Grain: one row per row of towns.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT town_id AS id, name_zh AS name_zh, name_en AS name_en
FROM towns
ORDER BY 1
