-- Purpose: the district's drinking-water source compliance rate per month (sources met / sources
--   assessed, queries/schema/065_drinking_water.sql drinking_district_months), and per year the
--   sources whose year was met / assessed (met or not_met; an incomplete year is not assessed).
-- Grain: one row per period: period_kind 'month' (months in [start, end]) or 'year' (years of those months).
-- Parameters: $now, $start, $end, $town_id (NULL = all).
-- Columns: period_kind, period, n_sources, n_assessed, n_met, rate_pct
SELECT 'month' AS period_kind, month AS period, n_sources, n_assessed, n_met, rate_pct
FROM drinking_district_months($now, $town_id)
WHERE month BETWEEN $start AND $end
UNION ALL
SELECT 'year', make_date(y.year, 1, 1), count(*), count(*) FILTER (WHERE y.status IN ('met', 'not_met')),
       count(*) FILTER (WHERE y.status = 'met'),
       CASE WHEN count(*) FILTER (WHERE y.status IN ('met', 'not_met')) > 0
            THEN 100.0 * count(*) FILTER (WHERE y.status = 'met')
                 / count(*) FILTER (WHERE y.status IN ('met', 'not_met')) END
FROM drinking_source_years($now) AS y
JOIN drinking_sources AS s USING (source_id)
WHERE ($town_id IS NULL OR s.town_id = $town_id)
  AND y.year BETWEEN year($start) AND year($end)
GROUP BY y.year
ORDER BY period_kind, period
