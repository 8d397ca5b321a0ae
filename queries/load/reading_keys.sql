-- Purpose: give every section and parameter code an integer key and set the keys of the readings
--   that have none yet (rows a build or an import just wrote; restored and kept rows keep theirs, as
--   a code never changes key). The evaluation groups and joins on these keys
--   (queries/readings_monthly.sql, queries/section_period_parameter.sql). Run by
--   bishui.db.evaluation.assign_keys at the start of every refresh; a warehouse built before the keys
--   existed gets the columns and tables first.
-- Grain: one key per code; updates one row per reading without keys.
-- Parameters: none.
-- Columns: writes section_keys, parameter_keys, readings.section_key, readings.param_key
CREATE TABLE IF NOT EXISTS section_keys (section_id VARCHAR PRIMARY KEY, section_key INTEGER NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS parameter_keys (parameter VARCHAR PRIMARY KEY, param_key INTEGER NOT NULL UNIQUE);
ALTER TABLE readings ADD COLUMN IF NOT EXISTS section_key INTEGER;
ALTER TABLE readings ADD COLUMN IF NOT EXISTS param_key INTEGER;
-- the import archive holds rows of readings column for column (restored by undo)
ALTER TABLE IF EXISTS archive_readings ADD COLUMN IF NOT EXISTS section_key INTEGER;
ALTER TABLE IF EXISTS archive_readings ADD COLUMN IF NOT EXISTS param_key INTEGER;
INSERT INTO section_keys (section_id, section_key)
SELECT
    c.section_id,
    (SELECT coalesce(max(section_key), 0) FROM section_keys) + row_number() OVER (ORDER BY c.section_id)
FROM (
    SELECT section_id FROM sections
    UNION
    SELECT DISTINCT section_id FROM readings WHERE section_key IS NULL
) AS c
WHERE c.section_id NOT IN (SELECT k.section_id FROM section_keys AS k);
INSERT INTO parameter_keys (parameter, param_key)
SELECT
    c.parameter,
    (SELECT coalesce(max(param_key), 0) FROM parameter_keys) + row_number() OVER (ORDER BY c.parameter)
FROM (
    SELECT code AS parameter FROM parameters
    UNION
    SELECT DISTINCT parameter FROM readings WHERE param_key IS NULL
) AS c
WHERE c.parameter NOT IN (SELECT k.parameter FROM parameter_keys AS k);
UPDATE readings AS r
SET section_key = sk.section_key, param_key = pk.param_key
FROM section_keys AS sk, parameter_keys AS pk
WHERE (r.section_key IS NULL OR r.param_key IS NULL)
  AND sk.section_id = r.section_id AND pk.parameter = r.parameter;
