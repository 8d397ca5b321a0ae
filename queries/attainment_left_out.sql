-- Purpose: how many section-months the attainment rates and target measures leave out because they
--   are not complete (section_month_completeness: provisional or incomplete; no-flow and empty months
--   are not counted either way), in the calendar year of $end up to $end's month.
-- Grain: one row.
-- Parameters: $end (a day of the last month counted), $town_id (NULL = all), $now (the app's now).
-- Columns: n_complete, n_left_out, n_provisional, n_incomplete
SELECT count(*) FILTER (WHERE k.status = 'complete') AS n_complete,
       count(*) FILTER (WHERE k.status IN ('provisional', 'incomplete')) AS n_left_out,
       count(*) FILTER (WHERE k.status = 'provisional') AS n_provisional,
       count(*) FILTER (WHERE k.status = 'incomplete') AS n_incomplete
FROM section_month_completeness($now) AS k
JOIN sections AS s USING (section_id)
WHERE k.month BETWEEN date_trunc('year', $end::DATE) AND date_trunc('month', $end::DATE)
  AND ($town_id IS NULL OR s.town_id = $town_id)
