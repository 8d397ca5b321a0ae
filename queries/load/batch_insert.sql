-- Purpose: record one import batch.
-- Grain: one row per batch.
-- Parameters: $batch_id, $imported_by, $file_name, $file_hash, $kind, $rows_added, $rows_replaced,
--   $rows_rejected.
-- Columns: writes every column of import_batches (status 'applied', imported_at now)
INSERT INTO import_batches (batch_id, imported_at, imported_by, file_name, file_hash, kind,
                            rows_added, rows_replaced, rows_rejected, status)
VALUES ($batch_id, now()::TIMESTAMP, $imported_by, $file_name, $file_hash, $kind,
        $rows_added, $rows_replaced, $rows_rejected, 'applied')
