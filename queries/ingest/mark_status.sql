-- Purpose: set the import status of incoming rows (same | replace | conflict) from the registered frame
--   _ingest_status (_idx, _status).
-- Grain: one row per incoming row whose status is not 'new'.
-- Parameters: none.
-- Columns: updates _incoming._status
UPDATE _incoming AS i SET _status = s._status
FROM _ingest_status AS s
WHERE i._idx = s._idx
