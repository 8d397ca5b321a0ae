-- Purpose: the townships (镇/街道), in the order of the data.
-- Grain: one row per township.
-- Parameters: none.
-- Columns: town_id, name_zh, name_en, kind
SELECT town_id, name_zh, name_en, kind FROM towns ORDER BY rowid
