-- Purpose: a sorted copy of readings (section, parameter, date, time), swapped back by bishui.db.warehouse.sort_readings.
-- Grain: one row per reading.
-- Parameters: none.
-- Columns: every column of readings, into the temporary table _readings_sorted.
CREATE OR REPLACE TEMP TABLE _readings_sorted AS
SELECT * FROM readings
ORDER BY section_id, parameter, sampled_on, sampled_at NULLS FIRST, source
