-- Purpose: the task updates reported in a window (the "since last meeting" view: the 7 days before a
--   meeting date), newest first.
-- Grain: one row per update.
-- Parameters: $since (exclusive), $as_of (inclusive), $town_id (NULL = all; else that township's
--   and district-wide updates).
-- Columns: task_no, title_zh, title_en, updated_on, town_id, town_zh, town_en, status, progress_pct,
--   note_zh, note_en, reported_by, reported_by_en (English: the Chinese text where none is given)
SELECT
    u.task_no, t.title_zh, t.title_en, u.updated_on, u.town_id, w.name_zh AS town_zh, w.name_en AS town_en,
    u.status, u.progress_pct, u.note_zh, coalesce(u.note_en, u.note_zh) AS note_en, u.reported_by,
    coalesce(u.reported_by_en, u.reported_by) AS reported_by_en
FROM task_updates AS u
JOIN tasks AS t USING (task_no)
LEFT JOIN towns AS w ON w.town_id = u.town_id
WHERE u.updated_on > $since::DATE AND u.updated_on <= $as_of::DATE
  AND ($town_id IS NULL OR u.town_id IN ('', $town_id))
ORDER BY u.updated_on DESC, u.task_no, u.town_id
