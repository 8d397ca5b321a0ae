-- Purpose: the inspections of pollution sources (执法检查) in [$start, $end] (end capped at $as_of).
-- Grain: one row per source and inspection day.
-- Parameters: $start, $end (dates), $as_of (date), $town_id (NULL = all: the source's township), $kinds
--   (source kinds; NULL = all).
-- Columns: source_id, name_zh, name_en, source_kind, town_id, inspected_on, inspector_unit, inspector_unit_en,
--   has_finding, note
SELECT i.source_id, s.name_zh, s.name_en, s.source_kind, s.town_id, i.inspected_on, i.inspector_unit,
       i.inspector_unit_en, i.has_finding, i.note
FROM source_inspections AS i
JOIN pollution_sources AS s USING (source_id)
WHERE i.inspected_on BETWEEN $start::DATE AND least($end::DATE, $as_of::DATE)
  AND ($town_id IS NULL OR s.town_id = $town_id)
  AND ($kinds::VARCHAR[] IS NULL OR list_contains($kinds::VARCHAR[], s.source_kind))
ORDER BY i.inspected_on DESC, i.source_id
