"""Strings used inside charts."""

STRINGS = {
    "fig.miss_marker": ("未达目标", "Missed target"),
    "fig.hover_month": (
        "{name}<br>{month}：{value} {unit}<br>类别：{klass}<br>样品数：{n}",
        "{name}<br>{month}: {value} {unit}<br>Class: {klass}<br>Samples: {n}",
    ),
    "fig.target_line": ("{name} 目标（{klass}类）", "{name} target (class {klass})"),
    "fig.below_dl": ("低于检出限（按检出限一半计）", "Below detection limit (half the limit used)"),
    "fig.auto_series": ("{name} 自动站（4小时）", "{name} automatic (4-hourly)"),
}
