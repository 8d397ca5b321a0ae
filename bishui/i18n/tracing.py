"""Strings of source tracing (溯源): the evidence of each candidate and the verdict on a miss."""

STRINGS = {
    "trc.ev.upstream_none": ("上游断面本月无该指标数据", "No value of this parameter at the upstream section this month"),
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
    "trc.ev.plant_no_data": ("污水厂本月无 {parameter} 出水数据", "No effluent value of {parameter} for the plant this month"),
    "trc.ev.plant": (
        "本月出水 {parameter} {value}，一级A限值 {limit}（{multiple} 倍）；水量 {flow} m³/d，负荷率 {load}%，水量权重 {weight}",
        "Effluent this month: {parameter} {value}, grade 1A limit {limit} (ratio {multiple}); flow {flow} m³/d, "
        "load rate {load}%, flow weight {weight}",
    ),
    "trc.ev.overflow": ("合流制溢流点，雨天溢流未经处理的污水", "Combined-sewer overflow point: untreated sewage spills in wet weather"),
    "trc.ev.blank_area": ("管网空白区，生活污水未收集处理", "Sewer-network blank area: domestic sewage not collected or treated"),
    "trc.ev.black_odorous": ("未销号的黑臭水体", "Black-odorous water body not yet closed out"),
    "trc.cli.unknown_section": ("没有断面 {section}。", "No section {section}."),
    "trc.msg.no_position": (
        "无法确定该断面在河流上的位置（缺少河流线或导入的里程），无法划定溯源河段。",
        "The section cannot be placed on a river (no river line and no imported km): no reach to trace.",
    ),
    "trc.msg.not_a_miss": ("该断面本月达标，无需溯源。", "The section met its target this month: nothing to trace."),
    "trc.msg.explained": ("溯源河段：{reach}。候选来源按得分排序如下。", "Reach traced: {reach}. Candidates ranked by score below."),
    "trc.msg.survey": (
        "溯源河段（{reach}）内没有已知来源能解释本次超标：建议对该河段开展排查。",
        "Nothing known in the reach ({reach}) explains this miss: survey the reach for unrecorded sources.",
    ),
}
