-- Purpose: undo: remove the rows a batch added to a table without a batch_id column (by natural key).
-- Grain: one row per removed row.
-- Parameters: $batch_id, $table_name.
-- Columns: deletes from {table}
DELETE FROM {table} AS i
WHERE to_json({key_struct}) IN (
    SELECT key_json FROM ingest_added_keys WHERE batch_id = $batch_id AND table_name = $table_name
)
