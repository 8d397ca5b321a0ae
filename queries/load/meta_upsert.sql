-- Purpose: set one warehouse_meta key.
-- Grain: one row per key.
-- Parameters: $key, $value.
-- Columns: writes key, value
INSERT OR REPLACE INTO warehouse_meta (key, value) VALUES ($key, $value)
