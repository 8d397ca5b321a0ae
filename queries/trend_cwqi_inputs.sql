-- Purpose: the inputs of the CWQI (§2.9): the mean of each of the 21 class items (parameters that
--   enter the class, less a section's geological exclusions) at each section over a month, a
--   quarter or a year (the arithmetic mean of the monthly means, below-DL values at half the limit),
--   with the class III limit for the section's water-body type.
-- Grain: one row per section, period (first day of the month, quarter or year) and parameter.
-- Parameters: $cwqi_period ('month' | 'quarter' | 'year'), $start, $end (dates; periods starting
--   from the one holding $start up to $end).
-- Columns: section_id, river_id, town_id, water_body_type, period, parameter, direction, mean_value,
--   n_months, limit_iii
SELECT x.section_id, s.river_id, s.town_id, s.water_body_type,
       date_trunc($cwqi_period, x.period)::DATE AS period, x.parameter,
       any_value(x.direction) AS direction, avg(x.mean_value) AS mean_value, count(*) AS n_months,
       any_value(x.l3) AS limit_iii
FROM section_period_parameter AS x
JOIN sections AS s USING (section_id)
JOIN parameters AS p ON p.code = x.parameter
WHERE x.period_kind = 'month' AND p.enters_class AND NOT x.is_excluded
  AND x.period BETWEEN date_trunc($cwqi_period, $start::DATE) AND $end::DATE
GROUP BY x.section_id, s.river_id, s.town_id, s.water_body_type, date_trunc($cwqi_period, x.period), x.parameter
ORDER BY x.section_id, period, x.parameter
