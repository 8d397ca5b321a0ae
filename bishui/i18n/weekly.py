"""Strings of issue 12 items 5-7: data as of (asof.*), the weekly view (wk.*), alerts (alert.*)."""

STRINGS = {
    # ---- data as of
    "asof.section": (
        "{name}：自动监测截至 {auto} · 手工监测截至 {manual}",
        "{name}: automatic data to {auto} · manual data to {manual}",
    ),
    "asof.none": ("无", "none"),
    "asof.no_station": ("无自动站", "no automatic station"),
    "asof.sidebar": ("最新数据：自动 {auto} · 手工 {manual}", "Latest data: automatic {auto} · manual {manual}"),
    "asof.sidebar_import": (" · 导入于 {imported}", " · imported {imported}"),
    "asof.revision": (
        "{name} · {param} · {on}：原报 {old}（{reported}），{revised} 更正为 {new}，评价采用更正值",
        "{name} · {param} · {on}: reported {old} ({reported}), revised to {new} on {revised}; "
        "the evaluation uses the revised value",
    ),
    "asof.moment": ("当前时点 {at}（本数据集截取的时点）", "Now: {at} (the moment this data set was cut)"),
    "asof.caption": ("数据时点", "Data as of"),
    "asof.all_sections": ("各断面数据时点", "Data as of, every section"),
    "col.last_auto_at": ("最新自动监测时间", "Latest automatic reading"),
    "col.last_manual_on": ("最新手工监测日期", "Latest manual sample"),
}
STRINGS.update(
    {
        # ---- weekly view
        "nav.weekly": ("周报", "Weekly"),
        "wk.title": ("自动站周报 · {week}", "Automatic stations, weekly · {week}"),
        "wk.pick_week": ("周（周一至周日）", "Week (Monday to Sunday)"),
        "wk.url_week": ("周", "week"),
        "wk.week_label": ("{start} 至 {end}", "{start} to {end}"),
        "wk.week_running": ("（本周，未结束）", " (this week, not over)"),
        "wk.change_same": ("持平", "unchanged"),
        "wk.change_worse": ("{sign}{n} 级（变差）", "{sign}{n} (worse)"),
        "wk.change_better": ("{sign}{n} 级（好转）", "{sign}{n} (better)"),
        "wk.silent_never": ("静默：无自动监测数据", "silent: no automatic data"),
        "wk.silent_for": ("静默 {days:.1f} 天", "silent {days:.1f} d"),
        "wk.no_stations": ("没有自动监测站。", "There are no automatic stations."),
        "wk.no_data": ("所选周没有自动监测数据。", "No automatic data in the chosen week."),
        "wk.silent_note": (
            "{n} 个站点超过 {hours:g} 小时无自动监测数据（截至 {now}）。",
            "{n} stations have had no automatic data for more than {hours:g} h (at {now}).",
        ),
        "wk.caption": (
            "周均值为周一至周日各日均值的算术平均（低于检出限按检出限一半计）；类别按 GB 3838-2002 单因子评价，参评项目为 pH、溶解氧、高锰酸盐指数、氨氮、总磷；"
            "“类别变化”为与上一周相比的类别级数（正数为变差）。“运行天数”为本周有数据的天数。",
            "Weekly means are the mean of the daily means, Monday to Sunday (a value below the detection limit counts as half the limit); "
            "the class is the GB 3838-2002 single-factor class over pH, DO, CODMn, NH3-N and TP; "
            "“class change” is in class steps against the week before (positive = worse). “Days” = days with data this week.",
        ),
        "col.station": ("站点", "Station"),
        "col.wk_days": ("运行天数", "Days"),
        "col.wk_ph": ("pH", "pH"),
        "col.wk_do": ("溶解氧 (mg/L)", "DO (mg/L)"),
        "col.wk_codmn": ("高锰酸盐指数 (mg/L)", "CODMn (mg/L)"),
        "col.wk_nh3n": ("氨氮 (mg/L)", "NH3-N (mg/L)"),
        "col.wk_tp": ("总磷 (mg/L)", "TP (mg/L)"),
        "col.wk_prev_class": ("上周类别", "Last week's class"),
        "col.wk_change": ("类别变化", "Class change"),
        "col.wk_silent": ("数据中断", "Silent"),
    }
)
STRINGS.update(
    {
        # ---- alerts after an import
        "alert.miss": (
            "{name} {period}：{klass}，未达到目标{target}",
            "{name} {period}: {klass}, misses its target {target}",
        ),
        "alert.provisional": ("（当月未结束，暂定）", " (month not over: provisional)"),
        "alert.outfall": (
            "排污口 {name} {date}：{param} {value} mg/L，超过限值 {limit}",
            "Outfall {name} {date}: {param} {value} mg/L, above its limit {limit}",
        ),
        "alert.plant": (
            "污水处理厂 {name} {month}：{param} {value} mg/L，超过一级A标准 {limit}",
            "Plant {name} {month}: {param} {value} mg/L, above grade 1A {limit}",
        ),
        "alert.silent": (
            "自动站 {name}：{since} 以来无数据（超过 {hours:g} 小时）",
            "Automatic station {name}: no data since {since} (over {hours:g} h)",
        ),
        "alert.silent_never": (
            "自动站 {name}：没有任何自动监测数据（超过 {hours:g} 小时）",
            "Automatic station {name}: no automatic data at all (over {hours:g} h)",
        ),
        "alert.push_title": (
            "碧水 · 导入批次 {batch} 后新增 {n} 条提醒",
            "Bishui · {n} new alerts after import batch {batch}",
        ),
        "alert.block_title": ("自上次导入以来的新情况", "New since the last import"),
        "alert.block_caption": (
            "导入批次 {batch}（{at}）后新出现的未达标、超标和数据中断；点击查看。",
            "Misses, exceedances and silent stations that are new after import batch {batch} ({at}); click to open.",
        ),
        "alert.undone": (
            "导入批次 {batch} 已被撤销：以下情况可能已不成立。",
            "Import batch {batch} was undone since: these may no longer hold.",
        ),
        "alert.none_new": ("导入批次 {batch}（{at}）后没有新情况。", "Nothing new after import batch {batch} ({at})."),
        "alert.more": ("另有 {n} 条，见导入批次 {batch}。", "{n} more in import batch {batch}."),
        "alert.push_sent": ("已推送（{at}）。", "Pushed ({at})."),
        "alert.push_failed": (
            "推送失败：{detail}。导入不受影响。",
            "Push failed: {detail}. The import is not affected.",
        ),
        "alert.push_pending": ("正在推送……", "Pushing…"),
        "alert.channel.webhook": ("群机器人", "group robot"),
        "alert.channel.email": ("邮件", "e-mail"),
        "alert.ch_ok": ("{channel}已送达", "{channel}: delivered"),
        "alert.ch_failed": ("{channel} {n} 次尝试均失败（{error}）", "{channel}: failed after {n} attempts ({error})"),
        "alert.cli_new": ("提醒：新增 {n} 条（见总览页）。", "Alerts: {n} new (see the overview)."),
        "alert.cli_push": ("提醒推送：{detail}", "Alert push: {detail}"),
    }
)
