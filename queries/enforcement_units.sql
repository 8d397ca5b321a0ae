-- Purpose: enforcement per responsible unit as at $as_of (queries/schema/068_enforcement.sql,
--   enforcement_cases_at): cases open, overdue (open past the rectification deadline), due within
--   enforcement_near_days(), filed in $as_of's year, closed after their deadline, and the penalties of
--   the cases filed in that year.
-- Grain: one row per responsible unit with a case filed on or before $as_of.
-- Parameters: $as_of (date), $town_id (NULL = all: the source's township), $kinds (source kinds; NULL = all).
-- Columns: unit_zh, unit_en, n_open, n_overdue, n_due_soon, n_cases_year, n_closed_late, penalty_year_cny,
--   max_days_overdue
SELECT unit_zh, any_value(unit_en) AS unit_en,
       count(*) FILTER (WHERE is_open) AS n_open,
       count(*) FILTER (WHERE is_overdue) AS n_overdue,
       count(*) FILTER (WHERE is_due_soon) AS n_due_soon,
       count(*) FILTER (WHERE year(found_on) = year($as_of::DATE)) AS n_cases_year,
       count(*) FILTER (WHERE closed_late) AS n_closed_late,
       coalesce(sum(penalty_cny) FILTER (WHERE year(found_on) = year($as_of::DATE)), 0) AS penalty_year_cny,
       max(days_overdue) AS max_days_overdue
FROM enforcement_cases_at($as_of::DATE)
WHERE ($town_id IS NULL OR town_id = $town_id)
  AND ($kinds::VARCHAR[] IS NULL OR list_contains($kinds::VARCHAR[], source_kind))
GROUP BY unit_zh
ORDER BY n_overdue DESC, n_open DESC, unit_zh
