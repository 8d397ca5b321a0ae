-- Purpose: later, still applied batches that replaced rows this batch added (they must be undone first).
--   {origin} tells whether an archived row came from $batch_id: `a.batch_id = $batch_id` for tables with
--   a batch_id column, else a match of its natural key against the batch's ingest_added_keys.
-- Grain: one row per blocking batch.
-- Parameters: $batch_id, $table_name.
-- Columns: batch_id
SELECT DISTINCT a.archived_by AS batch_id
FROM archive_{table} AS a
JOIN import_batches AS b ON b.batch_id = a.archived_by
WHERE a.archived_by > $batch_id AND b.status = 'applied'
  AND {origin}
ORDER BY 1
