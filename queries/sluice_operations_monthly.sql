-- Purpose: how many sluice operations there were each month, by reason (防汛, 灌溉, 生态补水, 上游来水超标 ...).
-- Grain: one row per month and reason code with at least one operation, months from $start to $end.
-- Parameters: $start, $end (dates), $town_id (NULL = all: the sluice's township).
-- Columns: month, reason_code, n_operations, n_close
SELECT date_trunc('month', o.operated_at)::DATE AS month, o.reason_code, count(*) AS n_operations,
       count(*) FILTER (WHERE o.action = 'close') AS n_close
FROM sluice_operations AS o
JOIN sluices AS s USING (sluice_id)
WHERE o.operated_at::DATE BETWEEN $start::DATE AND $end::DATE
  AND ($town_id IS NULL OR s.town_id = $town_id)
GROUP BY ALL
ORDER BY month DESC, reason_code
