"""Strings of data completeness (bishui.rules.completeness, queries/schema/062_completeness.sql)."""

STRINGS = {
    "cmp.status.complete": ("数据完整", "Complete"),
    "cmp.status.provisional": ("未完（数据未齐）", "Provisional (data still arriving)"),
    "cmp.status.incomplete": ("数据不全", "Incomplete"),
    "cmp.status.no_data": ("无数据", "No data"),
    "cmp.status.no_flow": ("断流/冰封", "No flow"),
    "cmp.no_flow.dry": ("断流", "dry (no flow)"),
    "cmp.no_flow.frozen": ("冰封", "frozen"),
    "cmp.no_flow.other": ("无法采样", "could not be sampled"),
    "cmp.cell.provisional": ("…", "…"),
    "cmp.cell.incomplete": ("?", "?"),
    "cmp.cell.no_flow.dry": ("断流", "dry"),
    "cmp.cell.no_flow.frozen": ("冰封", "ice"),
    "cmp.cell.no_flow.other": ("未采", "n/s"),
    "cmp.note.auto_days": ("自动监测 {n} 天", "{n} days of automatic data"),
    "cmp.note.missing": ("缺 {items}", "missing: {items}"),
    "cmp.note.sep": ("，", ", "),
    "cmp.month_suffix.provisional": ("（未完）", " (provisional)"),
    "cmp.month_suffix.incomplete": ("（数据不全）", " (incomplete)"),
    "cmp.matrix_legend": (
        "“…”：月份未结束或数据未齐，暂不判定达标；“?”：月份已过但缺项，不判定达标；断流/冰封：无法采样。",
        "“…”: month not over or data still arriving, not judged yet; “?”: month over but items missing, "
        "not judged; dry/ice: could not be sampled.",
    ),
    "cmp.so_far": (
        "{n} / {total} 个考核断面本月已有数据，其中 {judged} 个数据完整、可判定达标。",
        "{n} of {total} assessment sections have data so far; {judged} are complete and can be judged.",
    ),
    "cmp.left_out": (
        "达标率和目标只计数据完整的断面-月：{year} 年截至 {month} 有 {n} 个断面-月因未完或不全未计入。",
        "Attainment rates and targets count complete section-months only: {n} section-month(s) of "
        "{year} up to {month} left out (provisional or incomplete).",
    ),
    "col.completeness": ("数据状态", "Data status"),
    "fp.not_judged": ("未判定", "not judged"),
    "ov.none_judged": (
        "本月还没有数据完整的断面，暂不判定达标（{n} 个断面数据未齐）。",
        "No section's month is complete yet, so none is judged ({n} section(s) with data still arriving).",
    ),
    "ov.not_judged_yet": (
        "另有 {n} 个断面本月数据未齐，暂不判定。",
        "{n} more section(s) have data still arriving and are not judged yet.",
    ),
    "cmp.month_note": (
        "所选月份 {month}：数据未齐的月份标为“…”（未完）或“?”（不全），不判定达标。",
        "The chosen month {month}: months whose data are not all in are marked “…” (provisional) or "
        "“?” (incomplete) and not judged.",
    ),
}
