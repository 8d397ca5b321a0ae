-- Purpose: the id the next import batch gets (one past the largest ever used, undone ones included).
-- Grain: one row.
-- Parameters: none.
-- Columns: batch_id
SELECT coalesce(max(batch_id), 0) + 1 AS batch_id FROM import_batches
