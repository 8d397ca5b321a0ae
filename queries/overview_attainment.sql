-- Purpose: the weekly-meeting card "assessment sections meeting their target" for a month and the
--   month before it.
-- Grain: one row.
-- Parameters: $month (first day of the month), $town_id (NULL = whole district).
-- Columns: n_sections, n_evaluated, n_attained, prev_n_evaluated, prev_n_attained
WITH s AS (
    SELECT section_id FROM sections
    WHERE is_assessment AND ($town_id IS NULL OR town_id = $town_id)
),
c AS (
    SELECT c.period, c.water_class, c.is_attained
    FROM section_period_class AS c
    JOIN s USING (section_id)
    WHERE c.period_kind = 'month'
      AND c.period IN ($month::DATE, ($month::DATE - INTERVAL 1 MONTH)::DATE)
)
SELECT
    (SELECT count(*) FROM s) AS n_sections,
    count(*) FILTER (WHERE period = $month::DATE AND water_class IS NOT NULL) AS n_evaluated,
    count(*) FILTER (WHERE period = $month::DATE AND is_attained) AS n_attained,
    count(*) FILTER (WHERE period < $month::DATE AND water_class IS NOT NULL) AS prev_n_evaluated,
    count(*) FILTER (WHERE period < $month::DATE AND is_attained) AS prev_n_attained
FROM c
