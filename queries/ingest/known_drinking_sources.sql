-- Purpose: the codes and names of the drinking-water sources an import file may refer to (matched by code or name).
-- Grain: one row per row of drinking_sources.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT source_id AS id, name_zh AS name_zh, name_en AS name_en
FROM drinking_sources
ORDER BY 1
