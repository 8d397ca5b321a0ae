-- Purpose: record the new alerts of an import batch (bishui.db.alerts.record) from the registered
--   frame new_alerts (the alert_candidates rows not seen after the previous import, with params_json).
-- Grain: one row per new alert.
-- Parameters: $batch_id, $created_at.
-- Columns: writes alerts (alert_id numbered after the largest so far, push_status 'none')
INSERT INTO alerts (alert_id, batch_id, kind, subject_id, period, parameter, is_provisional, alert_key,
                    params_json, created_at, push_status, push_attempts)
SELECT coalesce((SELECT max(alert_id) FROM alerts), 0) + row_number() OVER (ORDER BY n.ord),
       $batch_id, n.kind, n.subject_id, n.period, n.parameter, n.is_provisional, n.alert_key,
       n.params_json, $created_at::TIMESTAMP, 'none', 0
FROM new_alerts AS n
