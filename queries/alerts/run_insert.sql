-- Purpose: log that the alerts of an import batch were computed.
-- Grain: one row per run.
-- Parameters: $batch_id, $run_at, $n_alerts.
-- Columns: writes alert_runs (batch_id, run_at, n_alerts)
INSERT INTO alert_runs VALUES ($batch_id, $run_at::TIMESTAMP, $n_alerts)
