-- Purpose: the number of black-odorous water bodies still open (found and not closed out 销号) at
--   each month end, urban and rural: the history behind the dynamic-zero target (U3: urban = 0)
--   (status rule: the table macro water_bodies_as_of, queries/schema/058_status_rules.sql).
-- Grain: one row per month and kind (urban | rural).
-- Parameters: $start, $end (months whose first day lies in [start, end]), $town_id (NULL = all).
-- Columns: month, kind, n_open
WITH months AS (
    SELECT m::DATE AS month, last_day(m::DATE) AS month_end
    FROM generate_series(date_trunc('month', $start::DATE), date_trunc('month', $end::DATE), INTERVAL 1 MONTH) AS g(m)
)
SELECT m.month, k.kind, count(b.body_id) AS n_open
FROM months AS m
CROSS JOIN (VALUES ('urban'), ('rural')) AS k(kind)
LEFT JOIN LATERAL (
    SELECT body_id FROM water_bodies_as_of(m.month_end) AS x
    WHERE x.is_open AND x.kind = k.kind AND ($town_id IS NULL OR x.town_id = $town_id)
) AS b ON true
GROUP BY m.month, k.kind
ORDER BY m.month, k.kind DESC
