"""Strings that say a bound applied to what was asked for (bishui.rules.bounds)."""

STRINGS = {
    "bounds.range_clamped": (
        "所选时间范围超出了已有数据，已收窄为有数据的 {start} 至 {end}。",
        "The chosen date range goes beyond the data; narrowed to {start} – {end}, the days with data.",
    ),
    "bounds.auto_capped": (
        "自动站数据共 {total} 个点，超过单页上限 {cap} 个：仅显示 {start} 起的 {shown} 个点。缩短时间范围或减少断面、指标可查看更早的数据。",
        "The automatic-station data hold {total} points, more than the {cap} one page draws: "
        "showing the {shown} points from {start}. Shorten the range or choose fewer sections or "
        "parameters to see earlier data.",
    ),
}
STRINGS["bounds.charts_capped"] = (
    "所选 {n_sections} 个断面 × {n_params} 个指标超过单页可绘制的 {cap} 条曲线：趋势图只画前 {shown_sections} 个断面、"
    "{shown_params} 个指标；下方的等级与数据表包含全部所选断面。",
    "{n_sections} sections × {n_params} parameters is more than the {cap} series one page draws: the trend charts "
    "show the first {shown_sections} sections and {shown_params} parameters; the classes and the table below hold "
    "every chosen section.",
)
