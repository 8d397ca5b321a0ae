-- Purpose: one import batch, for undo.
-- Grain: one row (or none).
-- Parameters: $batch_id.
-- Columns: batch_id, imported_at, imported_by, file_name, file_hash, kind, rows_added, rows_replaced,
--   rows_rejected, status
SELECT batch_id, imported_at, imported_by, file_name, file_hash, kind, rows_added, rows_replaced,
       rows_rejected, status
FROM import_batches
WHERE batch_id = $batch_id
