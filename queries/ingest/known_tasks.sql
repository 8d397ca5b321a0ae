-- Purpose: the codes and names of the tasks an import file may refer to (matched by code or name).
-- Grain: one row per row of tasks.
-- Parameters: none.
-- Columns: id, name_zh, name_en
SELECT task_no::VARCHAR AS id, title_zh AS name_zh, title_en AS name_en
FROM tasks
ORDER BY 1
