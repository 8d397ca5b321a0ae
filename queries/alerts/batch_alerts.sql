-- Purpose: the alerts of one import batch (what a push sends).
-- Grain: one row per alert.
-- Parameters: $batch_id.
-- Columns: alert_id, batch_id, kind, subject_id, period, parameter, is_provisional, params_json,
--   created_at, push_status, push_attempts, push_detail, pushed_at
SELECT alert_id, batch_id, kind, subject_id, period, parameter, is_provisional, params_json,
       created_at, push_status, push_attempts, push_detail, pushed_at
FROM alerts
WHERE batch_id = $batch_id
ORDER BY alert_id
