-- Purpose: what the inspections say about some outfalls (the open outfalls of a traced reach, from
--   trace_places) for some parameters: per parameter, the latest inspection with flow on or before
--   the date (value, the outfall's own limit, when), and how many inspections of any parameter the
--   outfall had by then (0: never monitored).
-- Grain: one row per outfall of $outfall_ids and parameter of $parameters.
-- Parameters: $as_of (date: the last day of the traced month), $parameters (list of codes as
--   inspected), $outfall_ids (list of outfall ids).
-- Columns: outfall_id, parameter, n_inspections, last_on, value, limit_value
WITH ids AS (
    SELECT DISTINCT unnest($outfall_ids::VARCHAR[]) AS outfall_id
),
params AS (
    SELECT DISTINCT unnest($parameters::VARCHAR[]) AS parameter
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
    SELECT outfall_id, parameter, inspected_on AS last_on, value, limit_value
    FROM insp
    SEMI JOIN params USING (parameter)
    WHERE has_flow AND value IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY outfall_id, parameter ORDER BY inspected_on DESC) = 1
)
SELECT ids.outfall_id, params.parameter, coalesce(c.n_inspections, 0) AS n_inspections, l.last_on, l.value,
       l.limit_value
FROM ids
CROSS JOIN params
LEFT JOIN counts AS c ON c.outfall_id = ids.outfall_id
LEFT JOIN latest AS l ON l.outfall_id = ids.outfall_id AND l.parameter = params.parameter
ORDER BY ids.outfall_id, params.parameter
