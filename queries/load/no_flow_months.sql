-- Purpose: load the no-flow / frozen records of a data directory (bishui.db.warehouse.load_no_flow) from
--   no_flow_months.csv (section_id, month, reason_code, note; UTF-8, with or without BOM); month may
--   be 'YYYY-MM' or any day of the month (stored as its first day).
-- Grain: one row per section and month.
-- Parameters: $path (the CSV file).
-- Columns: inserts into no_flow_months.
INSERT INTO no_flow_months (section_id, month, reason_code, note)
SELECT trim(section_id),
       date_trunc('month', CAST(CASE WHEN length(trim(month)) = 7 THEN trim(month) || '-01' ELSE trim(month) END AS DATE))::DATE,
       lower(trim(reason_code)),
       nullif(trim(note), '')
FROM read_csv($path, header = true, all_varchar = true)
