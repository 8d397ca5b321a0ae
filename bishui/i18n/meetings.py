"""Strings of the meeting record (bishui.db.meetings, the targets page's "since" tab) and the run-through
of the meeting's screens (bishui.reports.agenda, presentation mode)."""

STRINGS = {
    # the meeting record
    "mt.window_week": (
        "时间范围：{start} 至 {end}（尚无会议记录：会议日期前7天）。",
        "Window: {start} to {end} (no meeting recorded yet: the 7 days up to the meeting date).",
    ),
    "mt.window_meeting": (
        "时间范围：上次会议（{held}）之后至 {end}。上次会议参会：{attendees}",
        "Window: after the last meeting ({held}) up to {end}. Attended by: {attendees}",
    ),
    "mt.decisions_head": ("**上次会议决定事项：**", "**Decisions of the last meeting:**"),
    "tg.since.actions": ("上次会议的工作安排", "Action items of the last meeting"),
    "tg.since.no_actions": ("上次会议没有工作安排。", "The last meeting set no action items."),
    "mt.form_head": ("记录本次会议", "Record this meeting"),
    "mt.viewer": ("只有编辑人员可以记录会议。", "Only editors can record a meeting."),
    "mt.date": ("会议日期", "Meeting date"),
    "mt.attendees": ("参会单位及人员", "Attendees"),
    "mt.decisions": ("决定事项（每行一项）", "Decisions (one per line)"),
    "mt.decisions_help": ("会议议定的事项，每行一项。", "What the meeting decided, one per line."),
    "mt.actions": (
        "工作安排（每行一项：事项 | 责任单位 | 完成时限）",
        "Action items (one per line: action | owner | deadline)",
    ),
    "mt.actions_help": (
        "例如：排查某排口 | 城管局 | 2026-12-15。工作安排与重点任务一并列出，逾期自动标注。",
        "E.g. Inspect outfall X | Urban management bureau | 2026-12-15. Action items are listed "
        "with the plan's tasks and flagged when overdue.",
    ),
    "mt.actions_placeholder": ("事项 | 责任单位 | YYYY-MM-DD", "action | owner | YYYY-MM-DD"),
    "mt.submit": ("保存会议记录", "Save the meeting record"),
    "mt.done": ("已保存会议记录 {id}（{n} 项工作安排）。", "Meeting record {id} saved ({n} action items)."),
    "mt.failed": ("会议记录未保存：{message}", "The meeting record was not saved: {message}"),
    "col.mt_action": ("工作安排", "Action item"),
    "col.mt_owner": ("责任单位", "Owner"),
    # the briefing's part
    "brf.h.meeting": (
        "七、上次会议决定事项及工作安排落实情况",
        "7. The last meeting's decisions and open action items",
    ),
    "brf.meeting.none": ("尚无会议记录。", "No meeting has been recorded."),
    "brf.meeting.held": ("上次会议：{held}，参会：{attendees}。", "Last meeting: {held}, attended by {attendees}."),
    "brf.meeting.no_decisions": ("上次会议未记录决定事项。", "The last meeting recorded no decisions."),
    "brf.meeting.actions": ("工作安排（截至 {date}）", "Action items (as at {date})"),
    "brf.meeting.no_actions": ("上次会议没有工作安排。", "The last meeting set no action items."),
}

STRINGS.update(
    {
        # the run-through (presentation mode's agenda)
        "ag.screen": ("议程页面", "Agenda screen"),
        "ag.screen.overview": ("总览", "Overview"),
        "ag.screen.misses": ("未达标断面及可能来源", "Misses and likely sources"),
        "ag.screen.targets": ("有风险或未达成的目标", "Targets at risk or missed"),
        "ag.screen.tasks": ("逾期任务（按责任单位）", "Overdue tasks by responsible unit"),
        "ag.screen.compensation": ("生态补偿", "Eco-compensation owed"),
        "ag.screen.progress": ("排污口及黑臭水体整治进展", "Outfall and black-odorous progress"),
        "ag.screen.since": ("上次会议以来的变化", "Changes since the last meeting"),
        "ag.title": ("{screen} · {month} · {town}", "{screen} · {month} · {town}"),
        "ag.prev": ("上一页", "Previous"),
        "ag.next": ("下一页", "Next"),
        "ag.position": ("{n} / {total}　{title}", "{n} / {total} · {title}"),
        "ag.keys_help": ("也可用键盘左右方向键翻页。", "The left and right arrow keys turn the pages too."),
        "ag.more": (
            "另有 {n} 行未显示（见相应页面或周报）。",
            "{n} more rows not shown (see the page or the briefing).",
        ),
        "ag.unknown": (
            "议程设置 BISHUI_AGENDA 中的未知页面已忽略：{ids}（可用：{known}）",
            "Unknown screens in the BISHUI_AGENDA setting were ignored: {ids} (known: {known})",
        ),
        "ag.since_meeting": ("上次会议（{held}）之后至 {end}", "After the last meeting ({held}) up to {end}"),
        "ag.since_week": (
            "{start} 至 {end}（尚无会议记录：前7天）",
            "{start} to {end} (no meeting recorded: the 7 days before)",
        ),
        "col.ag_sources": ("可能污染来源", "Likely sources"),
    }
)
