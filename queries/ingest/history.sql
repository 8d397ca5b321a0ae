-- Purpose: the import history shown on the Data page and by undo: every batch, newest first.
-- Grain: one row per import batch (batch 0 = the initial build).
-- Parameters: none.
-- Columns: batch_id, imported_at, imported_by, file_name, file_hash, kind, rows_added, rows_replaced,
--   rows_rejected, status, undone_at, undone_by
SELECT b.batch_id, b.imported_at, b.imported_by, b.file_name, b.file_hash, b.kind, b.rows_added,
       b.rows_replaced, b.rows_rejected, b.status, u.undone_at, u.undone_by
FROM import_batches AS b
LEFT JOIN import_undos AS u USING (batch_id)
ORDER BY b.batch_id DESC
