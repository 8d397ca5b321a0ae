-- Purpose: keep the warehouse rows an import replaces, so that undo can put them back.
--   {table} and {key_join} come from bishui.ingest.warehouse (schema identifiers only).
-- Grain: one row per replaced warehouse row.
-- Parameters: $batch_id (the replacing batch).
-- Columns: inserts archived_by and every column of {table} into archive_{table}
INSERT INTO archive_{table}
SELECT $batch_id, t.*
FROM {table} AS t
WHERE EXISTS (SELECT 1 FROM _incoming AS i WHERE i._status = 'replace' AND {key_join})
