-- Purpose: every act on the findings of one candidate (records, revisions, undos), newest first, with
--   whether each record still stands: the history kept by the append-only trace_findings.
-- Grain: one row per trace_findings row of the candidate.
-- Parameters: $candidate_kind, $candidate_id.
-- Columns: finding_id, action, section_id, month, parameter, confidence, note, undoes_id, recorded_by,
--   recorded_at, is_undone, is_standing
WITH f AS (
    SELECT * FROM trace_findings WHERE candidate_kind = $candidate_kind AND candidate_id = $candidate_id
),
marked AS (
    SELECT f.*,
           (f.action = 'record' AND EXISTS (SELECT 1 FROM f AS u WHERE u.action = 'undo' AND u.undoes_id = f.finding_id))
               AS is_undone
    FROM f
)
SELECT finding_id, action, section_id, month, parameter, confidence, note, undoes_id, recorded_by, recorded_at,
       is_undone,
       (action = 'record' AND NOT is_undone AND finding_id = max(CASE WHEN action = 'record' AND NOT is_undone
                                                                       THEN finding_id END)
            OVER (PARTITION BY section_id, month)) AS is_standing
FROM marked
ORDER BY finding_id DESC
