"""Strings of source tracing (溯源): the evidence of each candidate and the verdict on a miss."""

STRINGS = {
    "trc.ev.upstream_none": (
        "上游断面本月无该指标数据",
        "No value of this parameter at the upstream section this month",
    ),
    "trc.ev.upstream_over": (
        "上游来水已超标：上游 {value}，本断面 {own}，目标限值 {limit}（上游倍数 {multiple}）；即使区间无增量也不能达标",
        "Already over on arrival: upstream {value}, this section {own}, target limit {limit} (upstream multiple {multiple}); "
        "the section would miss even without the increment in the reach",
    ),
    "trc.ev.upstream_met": (
        "上游来水达标：上游 {value}，本断面 {own}，目标限值 {limit}（上游倍数 {multiple}）；去掉区间增量即可达标",
        "Upstream within the target: upstream {value}, this section {own}, target limit {limit} (upstream multiple {multiple}); "
        "without the increment in the reach the section would meet its target",
    ),
    "trc.ev.outfall_measured": (
        "最近一次监测 {on}（{days} 天前）{parameter} {value}，限值 {limit}（{multiple} 倍）",
        "Latest monitoring {on} ({days} days before month end): {parameter} {value}, limit {limit} (ratio {multiple})",
    ),
    "trc.ev.direct": ("生活污水直排口", "direct domestic-sewage outfall"),
    "trc.ev.combined": ("合流制溢流排口", "combined-sewer overflow outfall"),
    "trc.ev.open_sewage": ("未整治到位的{kind}", "open {kind}, not yet rectified"),
    "trc.ev.never_monitored": ("从未监测的排污口", "Outfall never monitored"),
    "trc.ev.not_measured": ("排污口未监测过 {parameter}", "Outfall never monitored for {parameter}"),
    "trc.ev.plant_no_data": (
        "污水厂本月无 {parameter} 出水数据",
        "No effluent value of {parameter} for the plant this month",
    ),
    "trc.ev.plant": (
        "本月出水 {parameter} {value}，一级A限值 {limit}（{multiple} 倍）；水量 {flow} m³/d，负荷率 {load}%，水量权重 {weight}",
        "Effluent this month: {parameter} {value}, grade 1A limit {limit} (ratio {multiple}); flow {flow} m³/d, "
        "load rate {load}%, flow weight {weight}",
    ),
    "trc.ev.overflow": (
        "合流制溢流点，雨天溢流未经处理的污水",
        "Combined-sewer overflow point: untreated sewage spills in wet weather",
    ),
    "trc.ev.blank_area": (
        "管网空白区，生活污水未收集处理",
        "Sewer-network blank area: domestic sewage not collected or treated",
    ),
    "trc.ev.black_odorous": ("未销号的黑臭水体", "Black-odorous water body not yet closed out"),
    "trc.cli.unknown_section": ("没有断面 {section}。", "No section {section}."),
    "trc.msg.no_position": (
        "无法确定该断面在河流上的位置（缺少河流线或导入的里程），无法划定溯源河段。",
        "The section cannot be placed on a river (no river line and no imported km): no reach to trace.",
    ),
    "trc.msg.not_a_miss": ("该断面本月达标，无需溯源。", "The section met its target this month: nothing to trace."),
    "trc.msg.explained": (
        "溯源河段：{reach}。候选来源按得分排序如下。",
        "Reach traced: {reach}. Candidates ranked by score below.",
    ),
    "trc.msg.survey": (
        "溯源河段（{reach}）内没有已知来源能解释本次超标：建议对该河段开展排查。",
        "Nothing known in the reach ({reach}) explains this miss: survey the reach for unrecorded sources.",
    ),
    "nav.tracing": ("溯源", "Source tracing"),
    "trc.page.title": ("超标溯源", "Source tracing"),
    "trc.page.caption": (
        "从一个断面一个月的超标出发：划定溯源河段（本断面至上游最近的监测断面，含其间汇入的支流），列出河段内可能的来源及其证据。示例数据为虚构。",
        "From one section's miss in one month: the reach (from the section up to the next monitoring sections, "
        "with the tributaries joining in between) and the likely sources in it with their evidence.",
    ),
    "trc.page.section": ("断面", "Section"),
    "trc.page.parameter": ("指标", "Parameter"),
    "trc.page.parameter_default": ("本月主要污染指标", "Main pollutants of the month"),
    "trc.page.miss": (
        "{month} 水质 {water}，目标 {target}；主要污染指标：{pollutants}",
        "{month}: water {water}, target {target}; main pollutants: {pollutants}",
    ),
    "trc.page.map": ("溯源河段与候选来源", "Reach and candidate sources"),
    "trc.page.profile": ("沿程分布", "Profile along the river"),
    "trc.page.candidates": ("候选来源", "Candidate sources"),
    "trc.page.no_candidates": ("河段内没有已知的候选来源。", "No known candidate source in the reach."),
    "trc.page.formula": (
        "得分 = 超标倍数（实测值 ÷ 限值；无实测时按推定：未整治的溢流点、管网空白区、黑臭水体、直排口或合流制溢流口为 1，从未监测的排口为 0.5）"
        "× 水量权重（仅污水厂：出水量 ÷ 1000 m³/d，限于 0.5–2）× 时效衰减（0.5 ^ 证据距月末天数 ÷ 365）。"
        "上游断面得分 = 上游值 ÷ 本断面目标限值。得分 ≥ 1 即可解释本次超标。",
        "Score = exceedance ratio (measured value / limit; without a measurement a presumption: an open overflow point, "
        "blank area, black-odorous body, direct-sewage or combined-overflow outfall 1, an outfall never monitored 0.5) "
        "x flow weight (plants only: effluent flow / 1000 m3/d, within 0.5-2) x age decay (0.5 ^ days from the evidence "
        "to month end / 365). An upstream section scores its value / this section's target limit. A score of 1 or more "
        "explains the miss.",
    ),
    "trc.page.none_miss": (
        "所选月份没有未达标断面；可选择任一断面查看其溯源河段。",
        "No section missed its target in this month; pick any section to see its reach.",
    ),
    "trc.kind.upstream": ("上游来水", "Upstream inflow"),
    "trc.kind.outfall": ("排污口", "Outfall"),
    "trc.kind.plant": ("污水处理厂", "Treatment plant"),
    "trc.kind.overflow": ("溢流点", "Overflow point"),
    "trc.kind.blank_area": ("管网空白区", "Blank area"),
    "trc.kind.black_odorous": ("黑臭水体", "Black-odorous body"),
    "trc.fig.sections": ("监测断面", "Sections"),
    "trc.fig.limit": ("目标限值", "Target limit"),
    "trc.fig.km": ("距河流起点里程（km）", "km from the river's start"),
    "trc.map.reach": ("溯源河段", "Reach traced"),
    "trc.map.section": ("超标断面", "Section that missed"),
    "trc.col.rank": ("排序", "Rank"),
    "trc.col.kind": ("类型", "Kind"),
    "trc.col.id": ("编号", "ID"),
    "trc.col.name": ("名称", "Name"),
    "trc.col.river_id": ("河流", "River"),
    "trc.col.km": ("里程（km）", "km"),
    "trc.col.distance_km": ("距断面（km）", "Distance to section (km)"),
    "trc.col.parameter": ("指标", "Parameter"),
    "trc.col.evidence": ("证据", "Evidence"),
    "trc.col.score": ("得分", "Score"),
    "trc.col.tasks": ("相关任务", "Plan tasks"),
    "trc.col.unit": ("责任单位", "Responsible unit"),
    "trc.link_tasks": ("任务进展", "Task progress"),
    "trc.link": ("溯源", "Trace"),
}
