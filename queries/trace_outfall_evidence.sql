-- Purpose: what the inspections say about some outfalls (the open outfalls of a traced reach, from
--   trace_places) for one parameter: the latest inspection of that parameter with flow on or before
--   the date (value, the outfall's own limit, when) and how many inspections of any parameter it had
--   by then (0: never monitored).
-- Grain: one row per outfall of $outfall_ids.
-- Parameters: $as_of (date: the last day of the traced month), $parameter (code as inspected),
--   $outfall_ids (list of outfall ids).
-- Columns: outfall_id, n_inspections, last_on, value, limit_value
WITH ids AS (
    SELECT DISTINCT unnest($outfall_ids::VARCHAR[]) AS outfall_id
),
insp AS (
    SELECT i.*
    FROM outfall_inspections AS i
    SEMI JOIN ids USING (outfall_id)
    WHERE i.inspected_on <= $as_of::DATE
),
counts AS (
    SELECT outfall_id, count(*) AS n_inspections FROM insp GROUP BY outfall_id
),
latest AS (
    SELECT outfall_id, inspected_on AS last_on, value, limit_value
    FROM insp
    WHERE parameter = $parameter AND has_flow AND value IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY outfall_id ORDER BY inspected_on DESC) = 1
)
SELECT ids.outfall_id, coalesce(c.n_inspections, 0) AS n_inspections, l.last_on, l.value, l.limit_value
FROM ids
LEFT JOIN counts AS c USING (outfall_id)
LEFT JOIN latest AS l USING (outfall_id)
ORDER BY ids.outfall_id
