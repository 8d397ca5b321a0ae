-- Purpose: add the new and replacing rows of an import batch to their table.
--   {table}, {columns} and {values} come from bishui.ingest.warehouse; {values} sets batch_id to
--   $batch_id where the table has that column.
-- Grain: one row per added row.
-- Parameters: $batch_id.
-- Columns: inserts every column of {table}
INSERT INTO {table} ({columns})
SELECT {values}
FROM _incoming
WHERE _status IN ('new', 'replace')
ORDER BY _idx
