-- Purpose: every revised value (issue 12): a reading whose reported value was later replaced, with the
--   superseded value and when it arrived, and the latest value (the one the evaluation uses) and when
--   it replaced it. Two ways in:
--     how = 'file'    the data directory's reading_revisions.csv (the sample's late lab result);
--     how = 'import'  an import that replaced a reading with a different value (a conflict resolved
--                     with --replace, or "replace" on the Data page): the importer keeps the replaced
--                     row in archive_readings; reported_at is when its batch was imported (or the
--                     build), revised_at when the replacing batch was. Undone batches are left out
--                     (undo puts the old row back and forgets its archive).
-- Grain: one row per superseded value.
-- Parameters: $section_id (NULL = all).
-- Columns: section_id, parameter, sampled_on, sampled_at, source, old_value, reported_at, new_value,
--   revised_at, how, note
WITH from_file AS (
    SELECT v.section_id, v.parameter, v.sampled_on, v.sampled_at, v.source, v.value AS old_value,
           v.reported_on::TIMESTAMP AS reported_at, r.value AS new_value, v.revised_on::TIMESTAMP AS revised_at,
           'file' AS how, v.note
    FROM reading_revisions AS v
    LEFT JOIN readings AS r
        ON r.section_id = v.section_id AND r.parameter = v.parameter AND r.source = v.source
       AND r.sampled_on = v.sampled_on AND r.sampled_at IS NOT DISTINCT FROM v.sampled_at
),
written AS (   -- every version an import batch wrote: current, or since replaced
    SELECT section_id, parameter, sampled_on, sampled_at, source, value, below_detection_limit, batch_id
    FROM readings
    UNION ALL
    SELECT section_id, parameter, sampled_on, sampled_at, source, value, below_detection_limit, batch_id
    FROM archive_readings
),
from_import AS (
    SELECT a.section_id, a.parameter, a.sampled_on, a.sampled_at, a.source, a.value AS old_value,
           ob.imported_at AS reported_at, w.value AS new_value, nb.imported_at AS revised_at,
           'import' AS how, CAST(NULL AS VARCHAR) AS note
    FROM archive_readings AS a
    JOIN import_batches AS nb ON nb.batch_id = a.archived_by AND nb.status = 'applied'
    LEFT JOIN import_batches AS ob ON ob.batch_id = a.batch_id
    JOIN written AS w
        ON w.batch_id = a.archived_by AND w.section_id = a.section_id AND w.parameter = a.parameter
       AND w.source = a.source AND w.sampled_on = a.sampled_on AND w.sampled_at IS NOT DISTINCT FROM a.sampled_at
    WHERE a.value IS DISTINCT FROM w.value OR a.below_detection_limit <> w.below_detection_limit
)
SELECT *
FROM (SELECT * FROM from_file UNION ALL SELECT * FROM from_import)
WHERE ($section_id IS NULL OR section_id = $section_id)
ORDER BY revised_at DESC, section_id, parameter, sampled_on
