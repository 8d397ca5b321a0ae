-- Purpose: facts about the warehouse (is_sample, built_at, source_dir, ...).
-- Grain: one row per key.
-- Parameters: none.
-- Columns: key, value
SELECT key, value FROM warehouse_meta ORDER BY key
