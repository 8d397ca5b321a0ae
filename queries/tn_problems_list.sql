-- Purpose: the TN problem list (总氮污染问题及整改措施清单, plan task 12) as at $now: every problem found by
--   then, with its section, owner, deadline, status and whether it is done or overdue
--   (tn_problems_as_of, queries/schema/066_tn_action.sql).
-- Grain: one row per problem found by $now.
-- Parameters: $now, $town_id (NULL = all; the section's township).
-- Columns: problem_id, section_id, section_zh, section_en, problem_zh, problem_en, measure_zh, measure_en,
--   owner_zh, owner_en, found_on, deadline, problem_status, done_on, is_done, is_overdue
SELECT p.problem_id, p.section_id, s.name_zh AS section_zh, s.name_en AS section_en, p.problem_zh, p.problem_en,
       p.measure_zh, p.measure_en, p.owner_zh, p.owner_en, p.found_on, p.deadline, p.problem_status, p.done_on,
       p.is_done, p.is_overdue
FROM tn_problems_as_of($now) AS p
LEFT JOIN sections AS s USING (section_id)
WHERE $town_id IS NULL OR s.town_id = $town_id
ORDER BY p.is_done, p.is_overdue DESC, p.deadline, p.problem_id
