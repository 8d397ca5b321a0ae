-- Purpose: the codes and names of the water bodies an import file may refer to (matched by code or name).
-- Grain: one row per row of water_bodies.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT body_id AS id, name_zh AS name_zh, name_en AS name_en
FROM water_bodies
ORDER BY 1
