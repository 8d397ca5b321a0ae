-- Purpose: the conditions that held after the previous import, and whether alerts were ever computed.
-- Grain: one row per condition.
-- Parameters: none.
-- Columns: alert_key, n_runs
SELECT s.alert_key, (SELECT count(*) FROM alert_runs) AS n_runs FROM alert_state AS s
