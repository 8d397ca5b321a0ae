-- Purpose: the totals of the water-pollution projects: budget, spent, the overall budget execution
--   rate (total spent / total budget), completion weighted by budget, and counts.
-- Grain: one row.
-- Parameters: $as_of (date), $town_id (NULL = all).
-- Columns: n_projects, n_complete, n_overdue, budget_cny, spent_cny, execution_pct, completion_pct
SELECT
    count(*) AS n_projects,
    count(*) FILTER (WHERE completion_pct >= 100) AS n_complete,
    count(*) FILTER (WHERE due_on < $as_of::DATE AND completion_pct < 100) AS n_overdue,
    coalesce(sum(budget_cny), 0) AS budget_cny,
    coalesce(sum(spent_cny), 0) AS spent_cny,
    100.0 * sum(spent_cny) / nullif(sum(budget_cny), 0) AS execution_pct,
    sum(completion_pct * budget_cny) / nullif(sum(budget_cny), 0) AS completion_pct
FROM projects
WHERE ($town_id IS NULL OR town_id = $town_id)
