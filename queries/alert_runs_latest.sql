-- Purpose: the latest import batch the alerts were computed for, when, and whether that batch has
--   been undone since (the overview's block says "nothing new" after an import that raised none, and
--   notes an undone batch).
-- Grain: at most one row.
-- Parameters: none.
-- Columns: batch_id, run_at, n_alerts, is_undone
SELECT r.batch_id, r.run_at, r.n_alerts, coalesce(b.status = 'undone', false) AS is_undone
FROM alert_runs AS r
LEFT JOIN import_batches AS b USING (batch_id)
ORDER BY r.batch_id DESC
LIMIT 1
