-- Purpose: how far a month's monitoring has got at the compensation sections: samples taken so far
--   (manual sampling dates and automatic-station days, and the distinct days with any sample: a day
--   with both a manual sample and automatic data is one day) and the latest sampling date, per section
--   under a rule in force; the basis of the current month's forecast.
-- Grain: one row per rule and section in force in the month.
-- Parameters: $month (first day of the month), $town_id (NULL = all).
-- Columns: rule_id, section_id, n_manual_days, n_auto_days, n_days, first_sampled_on, last_sampled_on
SELECT
    r.rule_id, r.section_id,
    count(DISTINCT x.sampled_on) FILTER (WHERE x.source = 'manual') AS n_manual_days,
    count(DISTINCT x.sampled_on) FILTER (WHERE x.source = 'auto') AS n_auto_days,
    count(DISTINCT x.sampled_on) AS n_days,
    min(x.sampled_on) AS first_sampled_on,
    max(x.sampled_on) AS last_sampled_on
FROM compensation_rules AS r
JOIN sections AS s USING (section_id)
LEFT JOIN readings AS x
    ON x.section_id = r.section_id AND x.sampled_on BETWEEN $month::DATE AND last_day($month::DATE)
WHERE ($town_id IS NULL OR s.town_id = $town_id)
  AND $month::DATE >= date_trunc('month', r.valid_from)
  AND (r.valid_to IS NULL OR $month::DATE <= r.valid_to)
GROUP BY r.rule_id, r.section_id
ORDER BY r.rule_id, r.section_id
