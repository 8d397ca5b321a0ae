-- Purpose: the action items of the meetings held on or before a date, with their overdue flag (as the
--   plan's tasks: deadline before $as_of). Optionally those of one meeting only.
-- Grain: one row per action item.
-- Parameters: $as_of (date), $meeting_id (NULL = every meeting held on or before $as_of).
-- Columns: meeting_id, held_on, action_no, action, owner, deadline, is_overdue
SELECT a.meeting_id, m.held_on, a.action_no, a.action, a.owner, a.deadline,
       (a.deadline < $as_of::DATE) AS is_overdue
FROM meeting_actions AS a
JOIN meetings AS m USING (meeting_id)
WHERE m.held_on <= $as_of::DATE
  AND ($meeting_id IS NULL OR a.meeting_id = $meeting_id)
ORDER BY m.held_on, a.meeting_id, a.action_no
