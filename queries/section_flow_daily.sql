-- Purpose: daily flow and level at the chosen sections, with each section's minimum ecological flow
--   (drawn under the concentration trend on the sections page).
-- Grain: one row per section and day with a flow or level reading, days from $start to $end.
-- Parameters: $section_ids (list), $start, $end (dates).
-- Columns: section_id, measured_on, flow_m3_s, level_m, min_flow_m3_s
SELECT f.site_id AS section_id, f.measured_on, f.flow_m3_s, f.level_m, m.min_flow_m3_s
FROM flow_readings AS f
LEFT JOIN eco_flow_minimums AS m ON m.section_id = f.site_id
WHERE list_contains($section_ids::VARCHAR[], f.site_id)
  AND f.measured_on BETWEEN $start::DATE AND $end::DATE
ORDER BY f.site_id, f.measured_on
