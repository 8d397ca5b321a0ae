-- Purpose: the class of every section per month or per year with its river and township, for the
--   status of rivers, townships and the district by class shares (§2.5), the change between two
--   periods and the "worst sections" ranking (class, then the largest multiple over the target).
-- Grain: one row per section and period.
-- Parameters: $period_kind ('month' | 'year').
-- Columns: section_id, river_id, town_id, water_body_type, period, water_class, target_class,
--   is_attained, max_multiple_target, worst_parameter, max_multiple_iii
--   (max_multiple_target: the largest (C - C_target)/C_target over the evaluated parameters above
--   their target-class limit, NULL when none is; worst_parameter: that parameter's code;
--   max_multiple_iii: the same against the class III limits)
WITH worst AS (
    SELECT section_id, period,
           max(multiple_target) AS max_multiple_target,
           arg_max(parameter, multiple_target) AS worst_parameter,
           max(multiple_iii) AS max_multiple_iii
    FROM section_period_parameter
    WHERE period_kind = $period_kind AND is_evaluated
      AND (multiple_target IS NOT NULL OR multiple_iii IS NOT NULL)
    GROUP BY section_id, period
)
SELECT c.section_id, s.river_id, s.town_id, s.water_body_type, c.period, c.water_class, c.target_class,
       c.is_attained, w.max_multiple_target, w.worst_parameter, w.max_multiple_iii
FROM section_period_class AS c
JOIN sections AS s USING (section_id)
LEFT JOIN worst AS w USING (section_id, period)
WHERE c.period_kind = $period_kind
ORDER BY c.section_id, c.period
