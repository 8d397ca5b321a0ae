-- Purpose: the findings of source tracing that stand (the latest record row of each candidate of a
--   miss that is not undone), for the tracing page, the outfall's file and meeting material, with the
--   candidate's name and how many times the finding was revised.
-- Grain: one row per (section_id, month, candidate_kind, candidate_id) with a standing finding.
-- Parameters: $section_id, $month (NULL: all misses), $candidate_kind, $candidate_id (NULL: all).
-- Columns: finding_id, section_id, section_name_zh, section_name_en, month, parameter, candidate_kind,
--   candidate_id, candidate_name_zh, confidence, note, recorded_by, recorded_at, first_recorded_at,
--   n_records
WITH standing AS (
    SELECT f.*
    FROM trace_findings AS f
    WHERE f.action = 'record'
      AND NOT EXISTS (SELECT 1 FROM trace_findings AS u WHERE u.action = 'undo' AND u.undoes_id = f.finding_id)
),
keyed AS (
    SELECT *,
           count(*) OVER w AS n_records,
           min(recorded_at) OVER w AS first_recorded_at,
           row_number() OVER (PARTITION BY section_id, month, candidate_kind, candidate_id
                              ORDER BY finding_id DESC) AS rn
    FROM standing
    WINDOW w AS (PARTITION BY section_id, month, candidate_kind, candidate_id)
),
names AS (
    SELECT 'outfall' AS kind, outfall_id AS id, name_zh FROM outfalls
    UNION ALL SELECT CASE kind WHEN 'wwtp' THEN 'plant' ELSE 'overflow' END, facility_id, name_zh FROM facilities
    UNION ALL SELECT 'blank_area', area_id, name_zh FROM network_blank_areas
    UNION ALL SELECT 'black_odorous', body_id, name_zh FROM water_bodies
    UNION ALL SELECT 'upstream', section_id, name_zh FROM sections
)
SELECT k.finding_id, k.section_id, s.name_zh AS section_name_zh, s.name_en AS section_name_en, k.month,
       k.parameter, k.candidate_kind, k.candidate_id, n.name_zh AS candidate_name_zh, k.confidence, k.note,
       k.recorded_by, k.recorded_at, k.first_recorded_at, k.n_records
FROM keyed AS k
LEFT JOIN sections AS s USING (section_id)
LEFT JOIN names AS n ON n.kind = k.candidate_kind AND n.id = k.candidate_id
WHERE k.rn = 1
  AND ($section_id IS NULL OR k.section_id = $section_id)
  AND ($month IS NULL OR k.month = $month::DATE)
  AND ($candidate_kind IS NULL OR k.candidate_kind = $candidate_kind)
  AND ($candidate_id IS NULL OR k.candidate_id = $candidate_id)
ORDER BY k.month DESC, k.section_id, k.candidate_kind, k.candidate_id
