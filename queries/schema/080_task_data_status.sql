-- The plan's tasks measured from data (issue 18): one row per task that has a data-driven status.
-- Each measured task defines its own table macro task_status_<n>(as_of) in its own schema file
-- (numbered below 080) with exactly these columns, and is added to the UNION below; the
-- responsibility matrix (queries/task_matrix.sql) shows the result beside the status the units
-- reported in words, so a task whose data say otherwise cannot read as done.
--
-- task_data_status(as_of): task_no (INTEGER), data_status (met | on_track | at_risk | missed |
--   no_data, the target statuses of bishui.rules.targets), evidence_zh, evidence_en (one sentence: the
--   figure that decides the status, e.g. "2 of 3 sources met class III in 2025-11"), measured_through
--   (DATE: the last day the data cover).
CREATE OR REPLACE MACRO task_data_status(as_of) AS TABLE
SELECT * FROM (
    SELECT NULL::INTEGER AS task_no, NULL::VARCHAR AS data_status, NULL::VARCHAR AS evidence_zh,
           NULL::VARCHAR AS evidence_en, NULL::DATE AS measured_through
    WHERE false
    -- one line per measured task, e.g.: UNION ALL BY NAME SELECT * FROM task_status_15(as_of)
    UNION ALL BY NAME SELECT * FROM task_status_10(as_of)
    UNION ALL BY NAME SELECT * FROM task_status_5(as_of)
    UNION ALL BY NAME SELECT * FROM task_status_11(as_of)
    UNION ALL BY NAME SELECT * FROM task_status_15(as_of)
    UNION ALL BY NAME SELECT * FROM task_status_12(as_of)
    UNION ALL BY NAME SELECT * FROM task_status_14(as_of)
    UNION ALL BY NAME SELECT * FROM task_status_6(as_of)
);
