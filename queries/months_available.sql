-- Purpose: the months that have an evaluated section class, newest first (the month picker).
-- Grain: one row per month.
-- Parameters: none.
-- Columns: month
SELECT DISTINCT period AS month
FROM section_period_class
WHERE period_kind = 'month' AND water_class IS NOT NULL
ORDER BY month DESC
