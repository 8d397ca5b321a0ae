-- Purpose: the water-related pollution sources along the rivers with their inspections in $as_of's year,
--   the latest inspection, whether they were never inspected this year, and their open and overdue cases
--   (enforcement_source_status, queries/schema/068_enforcement.sql).
-- Grain: one row per pollution source (of $town_id; NULL = all).
-- Parameters: $as_of (date), $town_id (NULL = all), $kinds (source kinds; NULL = all).
-- Columns: source_id, name_zh, name_en, source_kind, river_id, river_zh, river_en, town_id, town_zh, town_en,
--   responsible_unit, responsible_unit_en, lon, lat, n_inspections_year, n_findings_year, last_inspected_on,
--   not_inspected_this_year, n_open, n_overdue
SELECT s.source_id, s.name_zh, s.name_en, s.source_kind, s.river_id, r.name_zh AS river_zh, r.name_en AS river_en,
       s.town_id, t.name_zh AS town_zh, t.name_en AS town_en, s.responsible_unit, s.responsible_unit_en, s.lon, s.lat,
       st.n_inspections_year, st.n_findings_year, st.last_inspected_on, st.not_inspected_this_year, st.n_open,
       st.n_overdue
FROM pollution_sources AS s
JOIN enforcement_source_status($as_of::DATE) AS st USING (source_id)
LEFT JOIN rivers AS r ON r.river_id = s.river_id
LEFT JOIN towns AS t ON t.town_id = s.town_id
WHERE ($town_id IS NULL OR s.town_id = $town_id)
  AND ($kinds::VARCHAR[] IS NULL OR list_contains($kinds::VARCHAR[], s.source_kind))
ORDER BY st.n_overdue DESC, st.not_inspected_this_year DESC, s.source_kind, s.source_id
