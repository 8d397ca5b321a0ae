-- Purpose: the codes and names of the sluices an import file may refer to (matched by code or name).
-- Grain: one row per row of sluices.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT sluice_id AS id, name_zh AS name_zh, name_en AS name_en
FROM sluices
ORDER BY 1
