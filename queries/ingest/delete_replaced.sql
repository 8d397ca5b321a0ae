-- Purpose: remove the warehouse rows an import replaces (after archive_replaced kept them).
-- Grain: one row per replaced warehouse row.
-- Parameters: none.
-- Columns: deletes from {table}
DELETE FROM {table} AS t
WHERE EXISTS (SELECT 1 FROM _incoming AS i WHERE i._status = 'replace' AND {key_join})
