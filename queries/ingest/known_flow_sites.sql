-- Purpose: the sites a flow reading may name: every section and every sluice (matched by code or name).
-- Grain: one row per section and one per sluice.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT section_id AS id, name_zh AS name_zh, name_en AS name_en FROM sections
UNION ALL
SELECT sluice_id AS id, name_zh AS name_zh, name_en AS name_en FROM sluices
ORDER BY 1
