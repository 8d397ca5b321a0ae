-- Purpose: the last meeting recorded before a date (the start of "since the last meeting").
-- Grain: at most one row.
-- Parameters: $before (date, exclusive: the meeting being prepared is not its own last meeting).
-- Columns: meeting_id, held_on, attendees, decisions, recorded_by, recorded_at
SELECT meeting_id, held_on, attendees, decisions, recorded_by, recorded_at
FROM meetings
WHERE held_on < $before::DATE
ORDER BY held_on DESC, meeting_id DESC
LIMIT 1
