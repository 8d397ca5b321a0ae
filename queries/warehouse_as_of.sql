-- Purpose: the warehouse's as-of moment: the latest reading taken anywhere (an automatic reading's
--   timestamp, a manual sample's date at midnight), the latest automatic and manual ones separately,
--   and when data were last imported (warehouse_meta.last_import_at, NULL when nothing was imported
--   since the build; built_at, the build time).
-- Grain: one row.
-- Parameters: none.
-- Columns: last_reading_at, last_auto_at, last_manual_on, last_import_at, built_at
SELECT
    max(coalesce(r.sampled_at, r.sampled_on::TIMESTAMP)) AS last_reading_at,
    max(coalesce(r.sampled_at, r.sampled_on::TIMESTAMP)) FILTER (WHERE r.source = 'auto') AS last_auto_at,
    max(r.sampled_on) FILTER (WHERE r.source = 'manual') AS last_manual_on,
    (SELECT try_cast(value AS TIMESTAMP) FROM warehouse_meta WHERE key = 'last_import_at') AS last_import_at,
    (SELECT try_cast(value AS TIMESTAMP) FROM warehouse_meta WHERE key = 'built_at') AS built_at
FROM readings AS r
