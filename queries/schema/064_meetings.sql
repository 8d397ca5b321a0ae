-- The weekly meeting's own record (issue 14 item 3), entered on the targets page by an editor.
-- meetings:         one row per meeting held: the day, who attended, the decisions (free text, one per
--                   line), who recorded it and when.
-- meeting_actions:  the action items agreed at a meeting: what, the owner (a unit or person) and the
--                   deadline. They are listed with the plan's tasks (overdue: deadline passed).
-- IF NOT EXISTS: bishui.db.meetings creates them on a warehouse built before they existed.
CREATE TABLE IF NOT EXISTS meetings (
    meeting_id   INTEGER PRIMARY KEY,
    held_on      DATE NOT NULL,
    attendees    VARCHAR NOT NULL,
    decisions    VARCHAR,
    recorded_by  VARCHAR NOT NULL,
    recorded_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS meeting_actions (
    meeting_id   INTEGER NOT NULL,
    action_no    INTEGER NOT NULL,
    action       VARCHAR NOT NULL,
    owner        VARCHAR NOT NULL,
    deadline     DATE NOT NULL,
    PRIMARY KEY (meeting_id, action_no)
);
