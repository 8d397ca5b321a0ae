-- Purpose: attainment rates (达标率 = attaining / evaluated) per township and for the whole district,
--   per month or per year, from the evaluated section classes.
-- Grain: one row per period and township, plus one row per period for the district (town_id NULL).
-- Parameters: $period_kind ('month' | 'year'), $assessment_only (true: assessment sections only).
-- Columns: period, town_id, town_zh, town_en, n_evaluated, n_attained, attainment_pct
WITH c AS (
    SELECT c.period, s.town_id, c.water_class, c.is_attained
    FROM section_period_class AS c
    JOIN sections AS s USING (section_id)
    WHERE c.period_kind = $period_kind
      AND (NOT coalesce($assessment_only, false) OR s.is_assessment)
),
r AS (
    SELECT period, town_id,
           count(*) FILTER (WHERE water_class IS NOT NULL) AS n_evaluated,
           count(*) FILTER (WHERE is_attained) AS n_attained,
           grouping(town_id) AS is_district
    FROM c
    GROUP BY GROUPING SETS ((period, town_id), (period))
)
SELECT r.period, CASE WHEN r.is_district = 1 THEN NULL ELSE r.town_id END AS town_id,
       CASE WHEN r.is_district = 1 THEN '全区' ELSE t.name_zh END AS town_zh,
       CASE WHEN r.is_district = 1 THEN 'Whole district' ELSE t.name_en END AS town_en,
       r.n_evaluated, r.n_attained,
       100.0 * r.n_attained / nullif(r.n_evaluated, 0) AS attainment_pct
FROM r
LEFT JOIN towns AS t ON t.town_id = r.town_id AND r.is_district = 0
ORDER BY r.period, r.is_district DESC, t.rowid
