-- Purpose: each section's total nitrogen year by year for the TN action (plan task 12): the mean of the
--   year so far against the same months of the year before, high and rebounding by the rules and
--   settings of queries/schema/066_tn_action.sql (tn_section_ytd), as at each year's latest complete month.
-- Grain: one row per section and year with TN in a complete month.
-- Parameters: $now (months over by then count), $town_id (NULL = all).
-- Columns: section_id, name_zh, name_en, town_id, year, through_month, n_months, mean_ytd, mean_prev, n_prev,
--   change_pct, is_high, is_rebounding, high_mg_l, rebound_pct
SELECT y.section_id, s.name_zh, s.name_en, s.town_id, y.year, y.month AS through_month, y.n_months, y.mean_ytd,
       y.mean_prev, y.n_prev, y.change_pct, y.is_high, y.is_rebounding, y.high_mg_l, y.rebound_pct
FROM tn_section_ytd($now) AS y
JOIN sections AS s USING (section_id)
WHERE $town_id IS NULL OR s.town_id = $town_id
QUALIFY row_number() OVER (PARTITION BY y.section_id, y.year ORDER BY y.month DESC) = 1
ORDER BY y.year DESC, y.is_rebounding DESC, y.change_pct DESC NULLS LAST, y.section_id
