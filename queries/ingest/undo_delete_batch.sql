-- Purpose: undo: remove the rows a batch added to a table that has a batch_id column.
-- Grain: one row per removed row.
-- Parameters: $batch_id.
-- Columns: deletes from {table}
DELETE FROM {table} WHERE batch_id = $batch_id
