-- Purpose: remember which rows a batch added to a table without a batch_id column (natural key as JSON).
-- Grain: one row per added row.
-- Parameters: $batch_id, $table_name.
-- Columns: inserts batch_id, table_name, key_json into ingest_added_keys
INSERT INTO ingest_added_keys (batch_id, table_name, key_json)
SELECT $batch_id, $table_name, to_json({key_struct})
FROM _incoming AS i
WHERE _status IN ('new', 'replace')
