-- Purpose: the single-factor class of the mean concentrations of each river, township and the
--   district (§2.5, the rule for areas with fewer than 5 sections): each evaluated parameter averaged
--   over the area's sections in the period, rounded and graded as a section's mean is (river limits
--   when the area has a river section, else the lake/reservoir limits), the worst class over them.
--   Quarters: each section's quarterly mean of its monthly means first (quarterly rule unverified, §2.3).
-- Grain: one row per area (area_kind 'river' | 'town' | 'district', area_id) and period.
-- Parameters: $period_kind ('month' | 'quarter' | 'year').
-- Columns: area_kind, area_id, period, n_sections, mean_class
WITH members AS (
    SELECT 'river' AS area_kind, river_id AS area_id, section_id, water_body_type
    FROM sections WHERE river_id IS NOT NULL
    UNION ALL
    SELECT 'town', town_id, section_id, water_body_type FROM sections WHERE town_id IS NOT NULL
    UNION ALL
    SELECT 'district', 'district', section_id, water_body_type FROM sections
),
area_type AS (
    SELECT area_kind, area_id,
           CASE WHEN bool_or(water_body_type = 'river') THEN 'river' ELSE min(water_body_type) END AS wbt
    FROM members
    GROUP BY area_kind, area_id
),
section_means AS (
    SELECT section_id, period, parameter, mean_value
    FROM section_period_parameter
    WHERE period_kind = $period_kind AND is_evaluated
    UNION ALL
    SELECT x.section_id, date_trunc('quarter', x.period)::DATE, x.parameter, avg(x.mean_value)
    FROM section_period_parameter AS x
    JOIN parameters AS p ON p.code = x.parameter
    WHERE $period_kind = 'quarter' AND x.period_kind = 'month' AND p.enters_class AND NOT x.is_excluded
    GROUP BY x.section_id, date_trunc('quarter', x.period), x.parameter
),
means AS (
    SELECT m.area_kind, m.area_id, x.period, x.parameter, avg(x.mean_value) AS mean_value
    FROM section_means AS x
    JOIN members AS m USING (section_id)
    GROUP BY m.area_kind, m.area_id, x.period, x.parameter
),
graded AS (
    SELECT g.area_kind, g.area_id, g.period,
           grade_class(p.direction, grade_round(g.mean_value, p.decimals),
                       l.l1, l.l2, l.l3, l.l4, l.l5, l.lo) AS parameter_class
    FROM means AS g
    JOIN area_type AS a USING (area_kind, area_id)
    JOIN parameters AS p ON p.code = g.parameter
    LEFT JOIN gb3838_limits AS l ON l.parameter = g.parameter AND l.water_body_type = a.wbt
),
counts AS (
    SELECT m.area_kind, m.area_id, x.period, count(DISTINCT x.section_id) AS n_sections
    FROM section_means AS x
    JOIN members AS m USING (section_id)
    GROUP BY m.area_kind, m.area_id, x.period
)
SELECT g.area_kind, g.area_id, g.period, any_value(n.n_sections) AS n_sections,
       max(g.parameter_class) AS mean_class
FROM graded AS g
JOIN counts AS n USING (area_kind, area_id, period)
GROUP BY g.area_kind, g.area_id, g.period
ORDER BY g.area_kind, g.area_id, g.period
