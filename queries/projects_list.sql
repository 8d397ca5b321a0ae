-- Purpose: the water-pollution projects (task 7's project list): budget, money spent, budget
--   execution rate (spent / budget) and completion, with a flag for projects past their due date and
--   not complete at $as_of.
-- Grain: one row per project.
-- Parameters: $as_of (date), $town_id (NULL = all).
-- Columns: project_id, name_zh, name_en (the Chinese name where none), task_no, town_id, town_zh, town_en, budget_cny, spent_cny, execution_pct,
--   completion_pct, start_on, due_on, is_overdue
SELECT
    p.project_id, p.name_zh, coalesce(p.name_en, p.name_zh) AS name_en, p.task_no, p.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
    p.budget_cny, p.spent_cny,
    100.0 * p.spent_cny / nullif(p.budget_cny, 0) AS execution_pct,
    p.completion_pct, p.start_on, p.due_on,
    coalesce(p.due_on < $as_of::DATE AND p.completion_pct < 100, false) AS is_overdue
FROM projects AS p
LEFT JOIN towns AS t USING (town_id)
WHERE ($town_id IS NULL OR p.town_id = $town_id)
ORDER BY p.task_no, p.project_id
