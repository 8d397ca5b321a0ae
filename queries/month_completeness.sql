-- Purpose: the month picker's completeness: for every month with an evaluated section class, whether
--   the district's month is complete (over, and at least one section-month complete), provisional (a
--   section-month still running: the month is not over at $now) or incomplete (over, and no
--   section-month complete: every one is missing items). The default month is the newest complete one.
-- Grain: one row per month with an evaluated class, newest first.
-- Parameters: $now (the app's now, bishui.clock).
-- Columns: month, status (complete | provisional | incomplete), n_complete, n_provisional, n_incomplete
WITH k AS (
    SELECT k.month, k.status
    FROM section_month_completeness($now) AS k
    WHERE k.month IN (SELECT period FROM section_period_class WHERE period_kind = 'month' AND water_class IS NOT NULL)
)
SELECT month,
       CASE WHEN count(*) FILTER (WHERE status = 'provisional') > 0 THEN 'provisional'
            WHEN count(*) FILTER (WHERE status = 'complete') > 0 THEN 'complete'
            ELSE 'incomplete' END AS status,
       count(*) FILTER (WHERE status = 'complete') AS n_complete,
       count(*) FILTER (WHERE status = 'provisional') AS n_provisional,
       count(*) FILTER (WHERE status = 'incomplete') AS n_incomplete
FROM k
GROUP BY month
ORDER BY month DESC
