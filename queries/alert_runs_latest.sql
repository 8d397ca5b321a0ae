-- Purpose: the latest import batch the alerts were computed for, and when (the overview's block says
--   "nothing new" after an import that raised none).
-- Grain: at most one row.
-- Parameters: none.
-- Columns: batch_id, run_at, n_alerts
SELECT batch_id, run_at, n_alerts FROM alert_runs ORDER BY batch_id DESC LIMIT 1
