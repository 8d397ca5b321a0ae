-- Purpose: each section's ecological base flow month by month (eco_flow_monthly in
--   queries/schema/069_eco_flow.sql): days below its minimum, the guarantee rate, days without a
--   reading, and where the flow data and the no-flow records (no_flow_months) disagree.
-- Grain: one row per section with a minimum ecological flow and month, months from $start to $end.
-- Parameters: $now (the app's now), $start, $end (dates: months whose first day lies in between),
--   $town_id (NULL = all).
-- Columns: section_id, name_zh, name_en, town_id, river_id, month, is_over, days_due, days_measured,
--   days_met, days_below, days_missing, min_flow_m3_s, mean_flow_m3_s, lowest_flow_m3_s, guarantee_pct,
--   no_flow_reason, is_dry_in_data, is_unrecorded_dry, is_record_contradicted, target_pct (eco_flow_target_pct())
SELECT e.section_id, s.name_zh, s.name_en, s.town_id, s.river_id, e.month, e.is_over, e.days_due, e.days_measured,
       e.days_met, e.days_below, e.days_missing, e.min_flow_m3_s, e.mean_flow_m3_s, e.lowest_flow_m3_s,
       e.guarantee_pct, e.no_flow_reason, e.is_dry_in_data, e.is_unrecorded_dry, e.is_record_contradicted,
       eco_flow_target_pct() AS target_pct
FROM eco_flow_monthly($now) AS e
JOIN sections AS s USING (section_id)
WHERE e.month BETWEEN date_trunc('month', $start::DATE) AND $end::DATE
  AND ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY e.month DESC, e.section_id
