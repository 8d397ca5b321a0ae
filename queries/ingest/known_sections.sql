-- Purpose: the codes and names of the sections an import file may refer to (matched by code or name).
-- Grain: one row per row of sections.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT section_id AS id, name_zh AS name_zh, name_en AS name_en
FROM sections
ORDER BY 1
