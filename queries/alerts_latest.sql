-- Purpose: the alerts of the latest import batch the alerts were computed for ("new since the last
--   import", the overview's block), with their push status.
-- Grain: one row per alert of that batch.
-- Parameters: none.
-- Columns: alert_id, batch_id, kind, subject_id, period, parameter, is_provisional, params_json,
--   created_at, push_status, push_attempts, push_detail, pushed_at
SELECT alert_id, batch_id, kind, subject_id, period, parameter, is_provisional, params_json,
       created_at, push_status, push_attempts, push_detail, pushed_at
FROM alerts
WHERE batch_id = (SELECT max(batch_id) FROM alert_runs)
ORDER BY CASE kind WHEN 'miss' THEN 1 WHEN 'silent' THEN 2 WHEN 'exceedance_plant' THEN 3 ELSE 4 END,
         subject_id, period, parameter
