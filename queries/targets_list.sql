-- Purpose: the targets of the work plan (targets S1..O1 per plan year; F1/F2 are in compensation_rules):
--   title, how the measure is computed (code, see target_measures.sql), goal, direction (le: the
--   measure must be at most the goal; ge: at least), unit, deadline, per township or not, owner.
-- Grain: one row per target and year.
-- Parameters: none.
-- Columns: target_id, year, title_zh, title_en, measure, goal_value, direction, unit, deadline,
--   is_per_town, owner_zh, owner_en
SELECT target_id, year, title_zh, title_en, measure, goal_value, direction, unit, deadline,
       is_per_town, owner_zh, owner_en
FROM targets
ORDER BY year, CASE left(target_id, 1) WHEN 'S' THEN 1 WHEN 'P' THEN 2 WHEN 'U' THEN 3 WHEN 'R' THEN 4
                                       WHEN 'N' THEN 5 WHEN 'O' THEN 6 ELSE 7 END, target_id
