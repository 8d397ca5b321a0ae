-- Purpose: incoming rows whose natural key is already in the warehouse, with the old values and a flag
--   telling whether any value differs (a conflict) or all are equal (already present).
--   {table}, {key_join}, {differs} and {old_columns} are built from the schema by bishui.ingest.warehouse.
-- Grain: one row per (incoming row, matching warehouse row).
-- Parameters: none.
-- Columns: _idx, differs, old_<column> for each compared column
SELECT i._idx, {differs} AS differs, {old_columns}
FROM _incoming AS i
JOIN {table} AS t ON {key_join}
