-- Purpose: the import history of a warehouse built before import_undos existed (no undo yet).
-- Grain: one row per import batch, newest first.
-- Parameters: none.
-- Columns: batch_id, imported_at, imported_by, file_name, file_hash, kind, rows_added, rows_replaced,
--   rows_rejected, status, undone_at, undone_by
SELECT batch_id, imported_at, imported_by, file_name, file_hash, kind, rows_added, rows_replaced,
       rows_rejected, status, NULL::TIMESTAMP AS undone_at, NULL::VARCHAR AS undone_by
FROM import_batches
ORDER BY batch_id DESC
