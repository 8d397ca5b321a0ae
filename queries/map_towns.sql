-- Purpose: the township (镇/街道) boundaries for the maps.
-- Grain: one row per township.
-- Parameters: none.
-- Columns: town_id, name_zh, name_en, geom_wkb (WKB, WGS-84)
SELECT town_id, name_zh, name_en, geom_wkb FROM towns WHERE geom_wkb IS NOT NULL ORDER BY rowid
