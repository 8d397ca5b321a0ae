-- Purpose: the codes and names of the targets (every year) an import file may refer to (matched by code or name).
-- Grain: one row per row of targets.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT target_id AS id, title_zh AS name_zh, title_en AS name_en
FROM targets
ORDER BY 1
