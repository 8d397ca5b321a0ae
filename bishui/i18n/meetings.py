"""Strings of the meeting record (bishui.meetings, the targets page's "since" tab) and the run-through
of the meeting's screens (bishui.agenda, presentation mode)."""

STRINGS = {
    # the meeting record
    "mt.window_week": ("时间范围：{start} 至 {end}（尚无会议记录：会议日期前7天）。",
                       "Window: {start} to {end} (no meeting recorded yet: the 7 days up to the meeting date)."),
    "mt.window_meeting": ("时间范围：上次会议（{held}）之后至 {end}。上次会议参会：{attendees}",
                          "Window: after the last meeting ({held}) up to {end}. Attended by: {attendees}"),
    "mt.decisions_head": ("**上次会议决定事项：**", "**Decisions of the last meeting:**"),
    "tg.since.actions": ("上次会议的工作安排", "Action items of the last meeting"),
    "tg.since.no_actions": ("上次会议没有工作安排。", "The last meeting set no action items."),
    "mt.form_head": ("记录本次会议", "Record this meeting"),
    "mt.viewer": ("只有编辑人员可以记录会议。", "Only editors can record a meeting."),
    "mt.date": ("会议日期", "Meeting date"),
    "mt.attendees": ("参会单位及人员", "Attendees"),
    "mt.decisions": ("决定事项（每行一项）", "Decisions (one per line)"),
    "mt.decisions_help": ("会议议定的事项，每行一项。", "What the meeting decided, one per line."),
    "mt.actions": ("工作安排（每行一项：事项 | 责任单位 | 完成时限）", "Action items (one per line: action | owner | deadline)"),
    "mt.actions_help": ("例如：排查某排口 | 城管局 | 2026-12-15。工作安排与重点任务一并列出，逾期自动标注。",
                        "E.g. Inspect outfall X | Urban management bureau | 2026-12-15. Action items are listed "
                        "with the plan's tasks and flagged when overdue."),
    "mt.actions_placeholder": ("事项 | 责任单位 | YYYY-MM-DD", "action | owner | YYYY-MM-DD"),
    "mt.submit": ("保存会议记录", "Save the meeting record"),
    "mt.done": ("已保存会议记录 {id}（{n} 项工作安排）。", "Meeting record {id} saved ({n} action items)."),
    "mt.failed": ("会议记录未保存：{message}", "The meeting record was not saved: {message}"),
    "col.mt_action": ("工作安排", "Action item"),
    "col.mt_owner": ("责任单位", "Owner"),
    # the briefing's part
    "brf.h.meeting": ("七、上次会议决定事项及工作安排落实情况", "7. The last meeting's decisions and open action items"),
    "brf.meeting.none": ("尚无会议记录。", "No meeting has been recorded."),
    "brf.meeting.held": ("上次会议：{held}，参会：{attendees}。", "Last meeting: {held}, attended by {attendees}."),
    "brf.meeting.no_decisions": ("上次会议未记录决定事项。", "The last meeting recorded no decisions."),
    "brf.meeting.actions": ("工作安排（截至 {date}）", "Action items (as at {date})"),
    "brf.meeting.no_actions": ("上次会议没有工作安排。", "The last meeting set no action items."),
}
