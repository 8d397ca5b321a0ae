-- Purpose: the valid rows of an import, cast to the warehouse types, as the temporary table _incoming.
--   {casts} is one `CAST(col AS type) AS col` per column, built by bishui.ingest.warehouse from the
--   table's own column types; the rows come from the registered frame _ingest_frame.
-- Grain: one row per valid incoming row.
-- Parameters: none.
-- Columns: _idx (row of the prepared frame), _status ('new' until classified), every column of the table
CREATE OR REPLACE TEMP TABLE _incoming AS
SELECT _idx, 'new' AS _status, {casts}
FROM _ingest_frame
