-- Purpose: what the ledger says about every outfall open at a date (outfalls_as_of) for one parameter:
--   its latest inspection of that parameter with flow on or before the date (value, its own limit,
--   when), whether it was ever inspected at all by then, and whether it is a direct domestic-sewage or
--   a combined-sewer overflow outfall.
-- Grain: one row per open outfall.
-- Parameters: $as_of (date: the last day of the traced month), $parameter (code as inspected).
-- Columns: outfall_id, sub_type, status_as_of, is_direct_sewage, is_combined_overflow, n_inspections,
--   last_on, value, limit_value
WITH o AS (
    SELECT * FROM outfalls_as_of($as_of::DATE) WHERE is_open
),
insp AS (
    SELECT i.*
    FROM outfall_inspections AS i
    JOIN o USING (outfall_id)
    WHERE i.inspected_on <= $as_of::DATE
),
latest AS (
    SELECT outfall_id, inspected_on AS last_on, value, limit_value
    FROM insp
    WHERE parameter = $parameter AND has_flow AND value IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY outfall_id ORDER BY inspected_on DESC) = 1
)
SELECT o.outfall_id, o.sub_type, o.status_as_of, o.is_direct_sewage,
       (o.sub_type = 'combined_overflow') AS is_combined_overflow,
       (SELECT count(*) FROM insp WHERE insp.outfall_id = o.outfall_id) AS n_inspections,
       l.last_on, l.value, l.limit_value
FROM o
LEFT JOIN latest AS l USING (outfall_id)
ORDER BY o.outfall_id
