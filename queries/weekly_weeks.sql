-- Purpose: the weeks (Monday-Sunday) that have automatic-station data, newest first (the week picker
--   of the weekly view).
-- Grain: one row per week.
-- Parameters: none.
-- Columns: week_start
SELECT DISTINCT date_trunc('week', sampled_on)::DATE AS week_start
FROM readings
WHERE source = 'auto'
ORDER BY week_start DESC
