-- Purpose: the rivers as lines for the maps.
-- Grain: one row per river.
-- Parameters: none.
-- Columns: river_id, name_zh, name_en, geom_wkb (WKB, WGS-84)
SELECT river_id, name_zh, name_en, geom_wkb FROM rivers WHERE geom_wkb IS NOT NULL ORDER BY rowid
