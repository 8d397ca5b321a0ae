"""Strings of issue 18 items 3 and 5: ecological base flow and sluices (ef.*), flood-season
readiness (fs.*)."""

STRINGS = {
    # ---- eco-flow and sluices (plan task 10)
    "nav.eco_flow": ("生态流量与闸坝", "Eco-flow and sluices"),
    "ef.title": ("生态流量与闸坝调度", "Ecological flow and sluice operations"),
    "ef.window": ("{start} 至 {end}（至侧栏月份的12个月）", "{start} to {end} (the 12 months to the sidebar month)"),
    "ef.empty.flow": (
        "所选范围内没有设有最小生态流量断面的流量数据。",
        "No flow data at sections with a minimum ecological flow in this range.",
    ),
    "ef.empty.ops": ("所选范围内没有闸门调度记录。", "No sluice operations in this range."),
    "ef.card.rate": ("生态流量保障率", "Eco-flow guarantee rate"),
    "ef.card.target": ("目标 ≥{target}%", "target ≥ {target} %"),
    "ef.card.rate_help": (
        "已结束月份中流量不低于最小生态流量的天数 ÷ 应测天数；缺测日不计为达标。",
        "Days at or above the minimum ÷ days due, over the months that are over; a day without "
        "a reading is not counted as met.",
    ),
    "ef.card.below": ("低于最小生态流量（天）", "Days below the minimum"),
    "ef.card.missing": ("缺测（天）", "Days without a reading"),
    "ef.card.missing_help": ("没有流量数据的日子，不计为达标。", "Days without a flow reading: not counted as met."),
    "ef.card.unrecorded": ("流量为零但无断流记录（月）", "Zero flow without a no-flow record (months)"),
    "ef.warn.unrecorded": (
        "{name} {month}：流量数据全月为零，但没有断流记录，请核实（断流状态以断流记录为准）。",
        "{name} {month}: the flow data read zero all month but there is no no-flow record: "
        "please check (the no-flow status comes from the no-flow records).",
    ),
    "ef.months": ("各断面逐月生态流量", "Ecological flow by section and month"),
    "ef.pick_sections": ("断面", "Sections"),
    "ef.rules": (
        "最小生态流量及其依据见导入数据“最小生态流量”；保障率目标 {target}% 为设定值（方案未给出具体数值）。"
        "未结束月份只计已过去的日子。",
        "Minimum flows and their basis come from the imported minimum ecological flows; the {target} % "
        "target is a setting (the plan gives no figure). A running month counts only the days already over.",
    ),
    "ef.flag.unrecorded_dry": ("流量全月为零，无断流记录", "zero flow all month, no no-flow record"),
    "ef.flag.contradicted": ("有断流记录，但测得流量", "no-flow record, but flow measured"),
    "ef.flag.running": ("本月未结束", "month not over"),
    "ef.ops": ("闸门调度记录", "Sluice operations log"),
    "ef.ops_monthly": ("**各月调度次数（按原因）**", "**Operations per month, by reason**"),
    "ef.pick_reasons": ("调度原因", "Reasons"),
    "ef.reason.exceedance_upstream": ("上游来水超标", "exceedance upstream"),
    "ef.reason.flood": ("防汛排涝", "flood"),
    "ef.reason.irrigation": ("灌溉", "irrigation"),
    "ef.reason.eco_flow": ("生态补水", "eco-flow release"),
    "ef.reason.maintenance": ("检修", "maintenance"),
    "ef.reason.other": ("其他", "other"),
    "ef.action.open": ("开闸", "open"),
    "ef.action.close": ("关闸", "close"),
    "ef.action.adjust": ("调整开度", "adjust"),
    "ef.fig.title": ("日均流量（示例数据）", "Daily flow (sample data)"),
    "ef.fig.y": ("流量 (m³/s)", "Flow (m³/s)"),
    "ef.fig.min": ("{name} 最小生态流量", "{name} minimum eco-flow"),
    "ef.fig.none": ("所选断面在此期间没有流量数据。", "No flow data at the chosen sections in this period."),
    "col.ef_month": ("月份", "Month"),
    "col.ef_section": ("断面", "Section"),
    "col.ef_min_flow": ("最小生态流量(m³/s)", "Minimum eco-flow (m³/s)"),
    "col.ef_mean_flow": ("月均流量(m³/s)", "Mean flow (m³/s)"),
    "col.ef_lowest_flow": ("最小日流量(m³/s)", "Lowest daily flow (m³/s)"),
    "col.ef_days_due": ("应测天数", "Days due"),
    "col.ef_days_below": ("低于最小生态流量天数", "Days below the minimum"),
    "col.ef_days_missing": ("缺测天数", "Days without a reading"),
    "col.ef_guarantee_pct": ("保障率(%)", "Guarantee rate (%)"),
    "col.ef_flag": ("断流/核实", "No flow / check"),
    "col.ef_operated_at": ("调度时间", "Operated at"),
    "col.ef_sluice": ("闸门", "Sluice"),
    "col.ef_action": ("操作", "Action"),
    "col.ef_gate_opening": ("开度(m)", "Gate opening (m)"),
    "col.ef_decided_by": ("决策单位", "Decided by"),
    "col.ef_reason": ("原因", "Reason"),
    "col.ef_note": ("情况说明", "Note"),
    "col.ef_n_total": ("合计", "Total"),
}
STRINGS.update(
    {
        # ---- flood-season readiness (plan tasks 5 and 11)
        "nav.flood_season": ("汛期准备", "Flood-season readiness"),
        "fs.title": ("汛期准备与汛期水质", "Flood-season readiness and water quality"),
        "fs.pick_year": ("年度", "Year"),
        "fs.season": (
            "{year}年汛期：{start} 至 {end}（设定值：山东省汛期为6月1日至9月30日；方案只写“汛前”，未给出日期）。"
            "判定时点 {as_of}。",
            "Flood season {year}: {start} to {end} (a setting: Shandong's flood season runs 1 June to "
            '30 September; the plan only says "before the flood season"). Judged at {as_of}.',
        ),
        "fs.empty.checklist": ("没有汛前准备清单数据。", "No flood-season checklist data."),
        "fs.empty.year": ("{year}年没有汛前准备清单。", "No flood-season checklist for {year}."),
        "fs.card.ready": ("汛前按时完成", "Ready before the season"),
        "fs.card.late": ("逾期", "Late"),
        "fs.card.pending": ("未完成（汛期未到）", "Open (season not begun)"),
        "fs.card.of": ("共 {n} 项", "of {n} items"),
        "fs.checklist": ("汛前准备清单（计划与完成）", "Pre-flood checklist (planned vs done)"),
        "fs.rules": (
            "按时：完成量达到计划量，且完成日期早于汛期开始日；逾期：汛期开始后才完成，或汛期已开始仍未完成。"
            "任务5：管网清淤、降低管网水位、泵站、闸门、雨水口；任务11：沿岸清理、闸坝沟渠拦截污水清理。",
            "Ready: done reaches planned, finished before the season starts; late: finished after the start, or "
            "still open once the season has begun. Task 5: pipe dredging, lower pipe levels, pump stations, "
            "sluices, rain inlets; task 11: river-bank clean-up, water held in ditches.",
        ),
        "fs.rebound": (
            "汛期水质反弹（汛期各月水质类别与汛前旱季对比）",
            "Flood-season rebound (each flood-season month's class against the dry months before it)",
        ),
        "fs.rebound_rules": (
            "旱季类别：当年汛期开始前已完整评价月份类别的中位数（取较好者）；↑ 表示劣于旱季；"
            "初期雨水：汛期中第一个劣于旱季的月份。只比较数据完整的月份，类别来自已有的月度评价。",
            "Dry-season class: the median class (the better of two) of the year's complete months "
            "before the season; ↑ worse than the dry season; first flush: the first flood-season month "
            "worse than the dry season. Only complete months are compared; classes are the evaluated "
            "monthly classes.",
        ),
        "fs.empty.rebound": (
            "该年汛期没有可比较的月度水质类别。",
            "No monthly classes to compare in this flood season.",
        ),
        "fs.first_flush": ("初期雨水", "first flush"),
        "fs.no_dry": ("无旱季数据", "no dry-season data"),
        "fs.card.flush": ("出现汛期反弹的断面", "Sections with a flood-season rebound"),
        "fs.task": ("任务{n}", "Task {n}"),
        "fs.item.pipe_dredging": ("管网清淤疏浚", "Pipe dredging"),
        "fs.item.pipe_level": ("降低管网运行水位", "Lower pipe levels"),
        "fs.item.pump_station": ("泵站汛前检修", "Pump stations"),
        "fs.item.sluice": ("闸门汛前维护", "Sluices"),
        "fs.item.rain_inlet": ("雨水口清掏维护", "Rain inlets"),
        "fs.item.bank_cleanup": ("河湖沿岸清理", "River-bank clean-up"),
        "fs.item.ditch_water": ("闸坝沟渠拦截污水清理", "Water held in ditches and sluices"),
        "fs.unit.km": ("公里", "km"),
        "fs.unit.count": ("处/座", "sites"),
        "fs.status.ready": ("按时完成", "Ready"),
        "fs.status.late": ("逾期", "Late"),
        "fs.status.pending": ("未完成", "Open"),
        "col.fs_task": ("任务", "Task"),
        "col.fs_item": ("事项", "Item"),
        "col.fs_owner": ("责任单位", "Owner"),
        "col.fs_planned": ("计划量", "Planned"),
        "col.fs_done": ("完成量", "Done"),
        "col.fs_done_pct": ("完成率(%)", "Done (%)"),
        "col.fs_done_on": ("完成日期", "Done on"),
        "col.fs_status": ("状态", "Status"),
        "col.fs_days_late": ("逾期天数", "Days late"),
        "col.fs_section": ("断面", "Section"),
        "col.fs_dry_class": ("旱季类别", "Dry-season class"),
        "col.fs_first_flush_month": ("初期雨水月份", "First-flush month"),
        "col.fs_n_rebound": ("反弹月数", "Months worse"),
    }
)
