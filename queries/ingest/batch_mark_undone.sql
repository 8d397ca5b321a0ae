-- Purpose: mark an import batch undone and record who undid it and when.
-- Grain: one batch.
-- Parameters: $batch_id, $undone_by.
-- Columns: updates import_batches.status; inserts one import_undos row
UPDATE import_batches SET status = 'undone' WHERE batch_id = $batch_id;
INSERT OR REPLACE INTO import_undos (batch_id, undone_at, undone_by) VALUES ($batch_id, now()::TIMESTAMP, $undone_by);
