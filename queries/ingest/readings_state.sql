-- Purpose: a fingerprint of the readings and their evaluation, to see which warehouse state a reader
--   saw (import tests, status line of the Data page).
-- Grain: one row.
-- Parameters: none.
-- Columns: n_readings, last_sampled_on, last_month, n_evaluated
SELECT (SELECT count(*) FROM readings) AS n_readings,
       (SELECT max(sampled_on) FROM readings) AS last_sampled_on,
       (SELECT max(date_trunc('month', sampled_on))::DATE FROM readings) AS last_month,
       (SELECT count(*) FROM section_period_parameter) AS n_evaluated
