-- Purpose: the weekly-meeting card "assessment sections meeting their target" for a month and the
--   month before it. Only sections whose month is complete are judged (section_month_completeness,
--   062_completeness.sql): a provisional or incomplete month is counted as having data, never as met.
-- Grain: one row.
-- Parameters: $month (first day of the month), $town_id (NULL = whole district), $now (the app's now).
-- Columns: n_sections, n_evaluated (sections judged: month complete), n_attained, n_with_data (any
--   reading, or a no-flow record), n_provisional, n_incomplete, n_no_flow, prev_n_evaluated,
--   prev_n_attained
WITH s AS (
    SELECT section_id FROM sections
    WHERE is_assessment AND ($town_id IS NULL OR town_id = $town_id)
),
k AS (
    SELECT k.month, k.status, k.judged_attained
    FROM section_month_completeness($now) AS k
    JOIN s USING (section_id)
    WHERE k.month IN ($month::DATE, ($month::DATE - INTERVAL 1 MONTH)::DATE)
)
SELECT
    (SELECT count(*) FROM s) AS n_sections,
    count(*) FILTER (WHERE month = $month::DATE AND status = 'complete') AS n_evaluated,
    count(*) FILTER (WHERE month = $month::DATE AND judged_attained) AS n_attained,
    count(*) FILTER (WHERE month = $month::DATE AND status <> 'no_data') AS n_with_data,
    count(*) FILTER (WHERE month = $month::DATE AND status = 'provisional') AS n_provisional,
    count(*) FILTER (WHERE month = $month::DATE AND status = 'incomplete') AS n_incomplete,
    count(*) FILTER (WHERE month = $month::DATE AND status = 'no_flow') AS n_no_flow,
    count(*) FILTER (WHERE month < $month::DATE AND status = 'complete') AS prev_n_evaluated,
    count(*) FILTER (WHERE month < $month::DATE AND judged_attained) AS prev_n_attained
FROM k
