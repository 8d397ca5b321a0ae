"""Strings of the overview (weekly meeting) page."""

STRINGS = {
    "ov.title": ("总览 · {month} · {town}", "Overview · {month} · {town}"),
    "ov.card.attained": ("考核断面达标", "Assessment sections meeting target"),
    "ov.card.attained_delta": ("较上月", "vs last month"),
    "ov.card.attained_value": ("{n} / {of}", "{n} of {of}"),
    "ov.card.attained_help": (
        "本月有评价结果的考核断面中达到目标类别的个数；共有考核断面 {total} 个。环比为与上月相比达标个数的变化。",
        "Assessment sections with a class this month that met their target; {total} assessment sections in all. The change is against last month's count.",
    ),
    "ov.card.key_verdict": ("{verdict}（目标{target}）", "{verdict} (target {target})"),
    "ov.card.key_help": (
        "该断面月度水质劣于Ⅳ类时，须向下游缴纳生态补偿金。",
        "When this section is worse than class Ⅳ in a month, the district pays eco-compensation downstream.",
    ),
    "ov.card.comp_month": ("本月应缴补偿金", "Compensation due this month"),
    "ov.card.comp_ytd": ("年度累计 {value}", "Year to date {value}"),
    "ov.card.comp_help": (
        "按生态补偿规则（F1 及各镇 F2）计算；无数据的月份不计。",
        "Computed from the eco-compensation rules (F1 and each township's F2); months with no data are not billed.",
    ),
    "ov.card.outfalls": ("未销号排污口", "Outfalls not closed out"),
    "ov.card.outfalls_delta": ("其中逾期整治 {n} 个", "{n} past their rectification deadline"),
    "ov.card.pipes": ("待改造合流管", "Combined pipe to separate"),
    "ov.card.pipes_value": ("{km:.2f} km", "{km:.2f} km"),
    "ov.card.pipes_delta": ("{n} 段，目标动态清零", "{n} segments; target zero"),
    "ov.card.black": ("城市黑臭水体", "Urban black-odorous"),
    "ov.card.black_delta": ("农村另有 {rural} 个", "Rural: {rural} more"),
    "ov.card.black_help": (
        "已发现且截至当月末尚未销号的城市黑臭水体（U3 目标动态清零）；农村黑臭水体分开计数，不计入城市目标。",
        "Urban black-odorous bodies found and not closed out by the month end (target U3: zero); "
        "rural bodies are counted apart and not in the urban target.",
    ),
    "ov.card.no_key_section": ("未配置 F1 补偿断面", "No F1 compensation section configured"),
    "ov.matrix": ("断面水质状况（近12个月）", "Section status, last 12 months"),
    "ov.trace_cell": ("溯源矩阵中的超标月份", "Trace a missed month of the matrix"),
    "ov.matrix_caption": (
        "颜色为当月水质类别；黑框为未达到目标类别；“–”为无数据。考核断面在前。",
        "Colour = the month's class (“>Ⅴ” = worse than class Ⅴ); black frame = target missed; “–” = no data. Assessment sections first.",
    ),
    "ov.matrix_capped": (
        "共 {total} 个断面，此处显示 {n} 个（考核断面和本月、近12个月未达标的优先）；全部断面见“水质断面”页。",
        "{n} of {total} sections shown (assessment sections and recent misses first); all sections are on the Section trends page.",
    ),
    "ov.misses": ("本月未达标断面及主要污染指标", "Sections missing their target this month"),
    "ov.misses_more": (
        "另有 {n} 个断面未达标（按超标程度排序，此处显示最严重的），全部见“水质断面”页。",
        "{n} more sections missed their target (the worst are shown); all are on the Section trends page.",
    ),
    "ov.no_misses": (
        "本月所有数据完整的断面均达到目标。",
        "Every section with complete data met its target this month.",
    ),
    "ov.assessment_mark": ("★", "★"),
    "ov.pollutants_help": (
        "超过Ⅲ类标准的指标及超标倍数（最多三项）。{legend}",
        "Parameters over the class Ⅲ limit, with the multiple over it (at most three). {legend}",
    ),
    "ov.exceed_help": (
        "超过目标类别标准的指标及超标倍数。{legend}",
        "Parameters over the target class limit, with the multiple over it. {legend}",
    ),
    "ov.yuan": ("{v:,.0f} 元", "CNY {v:,.0f}"),
    "ov.wan": ("{v:,.1f} 万元", "CNY {v:,.0f}"),
    "col.is_assessment": ("考核断面", "Assessment section"),
    "col.do_below_target": ("溶解氧低于目标", "DO below target"),
}
