-- Purpose: record the outcome of pushing a batch's alerts.
-- Grain: the alerts of one batch.
-- Parameters: $batch_id, $status ('pending' | 'sent' | 'failed'), $attempts, $detail, $pushed_at.
-- Columns: updates alerts.push_status, push_attempts, push_detail, pushed_at
UPDATE alerts
SET push_status = $status, push_attempts = $attempts, push_detail = $detail, pushed_at = $pushed_at::TIMESTAMP
WHERE batch_id = $batch_id
