-- Purpose: undo: put back the rows a batch replaced, exactly as they were, and forget the batch's
--   archive and added keys.
-- Grain: one row per restored row.
-- Parameters: $batch_id, $table_name.
-- Columns: inserts every column of {table}; deletes from archive_{table} and ingest_added_keys
INSERT INTO {table} SELECT * EXCLUDE (archived_by) FROM archive_{table} WHERE archived_by = $batch_id;
DELETE FROM archive_{table} WHERE archived_by = $batch_id;
DELETE FROM ingest_added_keys WHERE batch_id = $batch_id AND table_name = $table_name;
