"""Strings of issue 12 items 5-7: data as of (asof.*), the weekly view (wk.*), alerts (alert.*)."""

STRINGS = {
    # ---- data as of
    "asof.section": ("{name}：自动监测截至 {auto} · 手工监测截至 {manual}",
                     "{name}: automatic data to {auto} · manual data to {manual}"),
    "asof.none": ("无", "none"),
    "asof.no_station": ("无自动站", "no automatic station"),
    "asof.sidebar": ("最新读数 {reading}", "Latest reading {reading}"),
    "asof.sidebar_import": (" · 导入于 {imported}", " · imported {imported}"),
    "asof.caption": ("数据时点", "Data as of"),
    "asof.all_sections": ("各断面数据时点", "Data as of, every section"),
    "col.last_auto_at": ("最新自动监测时间", "Latest automatic reading"),
    "col.last_manual_on": ("最新手工监测日期", "Latest manual sample"),
}
