-- Purpose: the enforcement cases (立案) filed on or before $as_of with their status at $as_of: open,
--   overdue (open past the rectification deadline) and days overdue, due soon, closed after the
--   deadline (enforcement_cases_at, queries/schema/068_enforcement.sql).
-- Grain: one row per case.
-- Parameters: $as_of (date), $town_id (NULL = all: the source's township), $kinds (source kinds; NULL = all).
-- Columns: case_id, source_id, source_zh, source_en, source_kind, town_id, river_id, found_on, problem_zh,
--   problem_en, rectify_by, penalty_cny, closed_on, unit_zh, unit_en, is_open, is_overdue, is_due_soon,
--   days_overdue, closed_late
SELECT case_id, source_id, source_zh, source_en, source_kind, town_id, river_id, found_on, problem_zh, problem_en,
       rectify_by, penalty_cny, closed_on, unit_zh, unit_en, is_open, is_overdue, is_due_soon, days_overdue,
       coalesce(closed_late, false) AS closed_late
FROM enforcement_cases_at($as_of::DATE)
WHERE ($town_id IS NULL OR town_id = $town_id)
  AND ($kinds::VARCHAR[] IS NULL OR list_contains($kinds::VARCHAR[], source_kind))
ORDER BY is_overdue DESC, is_open DESC, found_on DESC, case_id
