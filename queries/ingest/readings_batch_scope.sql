-- Purpose: the sections and the whole months an import batch of readings touches: what the monthly
--   aggregate must re-aggregate after the batch is written or undone (rows it replaced share its keys).
-- Grain: one row.
-- Parameters: $batch_id.
-- Columns: scope_sections, scope_from (first day of the first month), scope_to (last day of the last
--   month); NULL when the batch has no readings
SELECT list(DISTINCT section_id ORDER BY section_id) AS scope_sections,
       date_trunc('month', min(sampled_on))::DATE AS scope_from,
       last_day(max(sampled_on)) AS scope_to
FROM readings
WHERE batch_id = $batch_id
