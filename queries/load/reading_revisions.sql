-- Purpose: load the revised values of a data directory (bishui.db.warehouse.load_revisions) from
--   reading_revisions.csv (section_id, parameter, sampled_on, sampled_at, source, value, reported_on,
--   revised_on, note; UTF-8, with or without BOM). value is the superseded value; the latest value
--   is the reading's row in readings.csv.
-- Grain: one row per superseded value.
-- Parameters: $path (the CSV file).
-- Columns: inserts into reading_revisions.
INSERT INTO reading_revisions (section_id, parameter, sampled_on, sampled_at, source, value, reported_on,
                               revised_on, note)
SELECT trim(section_id), lower(trim(parameter)), CAST(trim(sampled_on) AS DATE),
       CAST(nullif(trim(sampled_at), '') AS TIMESTAMP), lower(trim(source)), CAST(trim(value) AS DOUBLE),
       CAST(trim(reported_on) AS DATE), CAST(trim(revised_on) AS DATE), nullif(trim(note), '')
FROM read_csv($path, header = true, all_varchar = true)
