-- Purpose: the applied import batch (if any) that already imported a file with this content hash.
-- Grain: one row per matching batch, oldest first.
-- Parameters: $file_hash (sha256 of the file's bytes, hex).
-- Columns: batch_id, imported_at, file_name
SELECT batch_id, imported_at, file_name
FROM import_batches
WHERE file_hash = $file_hash AND status = 'applied' AND batch_id > 0
ORDER BY batch_id
