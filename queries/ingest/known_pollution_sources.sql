-- Purpose: the codes and names of the pollution sources an import file may refer to (matched by code or name).
-- Grain: one row per row of pollution_sources.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT source_id AS id, name_zh AS name_zh, name_en AS name_en
FROM pollution_sources
ORDER BY 1
