-- Purpose: every row of one importable table, for downloads and for tests that compare states.
--   {table} is an identifier from bishui.db.canonical.KINDS (filled by bishui.ingest, never user text).
-- Grain: one row per row of the table.
-- Parameters: none.
-- Columns: every column of {table}
SELECT * FROM {table}
