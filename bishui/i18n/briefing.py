"""Strings of the briefing document (周报 / 调度通报, bishui/reports/briefing.py), its CLI and its download button."""

STRINGS = {
    "brf.download": ("下载周报（Word）", "Download briefing (Word)"),
    "brf.download_help": (
        "本月调度通报：达标情况、未达标断面及可能来源、目标与任务、生态补偿、污染源整治进展（Word 文档，点击时生成）。",
        "This month's briefing: attainment, misses and their likely sources, targets and tasks, "
        "eco-compensation, source clean-up progress (a Word document, made when clicked).",
    ),
    "brf.title": ("水环境质量调度通报", "Water quality briefing"),
    "brf.month": ("{y}年{m}月", "{y}-{m:02d}"),
    "brf.period": (
        "报告期：{month}　范围：{town}　目标与任务截至 {as_of}　生成日期 {made}",
        "Period: {month} · Area: {town} · Targets and tasks as at {as_of} · Made on {made}",
    ),
    "brf.footer": ("第 {page} 页，共 {pages} 页", "Page {page} of {pages}"),
    "brf.h.summary": ("一、总体情况", "1. Summary"),
    "brf.h.status": ("二、断面水质状况", "2. Section status"),
    "brf.h.sources": ("未达标断面的可能污染来源", "Likely sources of the misses"),
    "brf.h.targets": ("三、有风险或未达成的目标", "3. Targets at risk or missed"),
    "brf.h.tasks": ("四、逾期未完成的重点任务", "4. Overdue tasks"),
    "brf.h.compensation": ("五、生态补偿", "5. Eco-compensation"),
    "brf.h.sources_progress": ("六、排污口及黑臭水体整治进展", "6. Outfalls and black-odorous water bodies"),
    "brf.sum.att": (
        "{period}，{n}个考核断面中{attained}个达到水质目标。",
        "In {period}, {attained} of the {n} assessment sections met their water quality target.",
    ),
    "brf.sum.att_partial": (
        "{period}，{n}个考核断面中{evaluated}个有评价结果，其中{attained}个达到水质目标。",
        "In {period}, {evaluated} of the {n} assessment sections were evaluated and {attained} of "
        "them met their water quality target.",
    ),
    "brf.sum.att_none": (
        "{period}，{n}个考核断面均无评价结果。",
        "In {period}, none of the {n} assessment sections was evaluated.",
    ),
    "brf.sum.prev": (
        "上月{evaluated}个有评价结果的考核断面中{attained}个达标。",
        "Last month {attained} of {evaluated} evaluated assessment sections met it.",
    ),
    "brf.sum.misses": ("本月共有{n}个断面未达到目标类别。", "{n} sections missed their target class this month."),
    "brf.sum.no_misses": (
        "本月所有有数据的断面均达到目标类别。",
        "Every section with data met its target class this month.",
    ),
    "brf.sum.comp": (
        "本月应缴生态补偿金{month}，年度累计{ytd}。",
        "Eco-compensation due this month: {month}; year to date: {ytd}.",
    ),
    "brf.sum.targets": (
        "年度目标中未达成{missed}项、有风险{at_risk}项；逾期未完成重点任务{tasks}项。",
        "Targets missed: {missed}; at risk: {at_risk}. Overdue tasks: {tasks}.",
    ),
    "brf.sum.sources": (
        "未销号排污口{outfalls}个（其中逾期整治{overdue}个），未销号城市黑臭水体{black}个。",
        "Outfalls not closed out: {outfalls} ({overdue} past their deadline); urban black-odorous "
        "bodies not closed out: {black}.",
    ),
    "brf.change.better": ("好转（{before}→{now}）", "Better ({before}→{now})"),
    "brf.change.worse": ("变差（{before}→{now}）", "Worse ({before}→{now})"),
    "brf.change.same": ("持平（{now}）", "Same ({now})"),
    "col.brf_attained": ("是否达标", "Target met"),
    "col.brf_change": ("较上月", "vs last month"),
    "brf.status_note": (
        "★ 为考核断面。主要污染指标后的数字为超过Ⅲ类标准的倍数；“较上月”比较本月与上月的水质类别，任一月无数据记为“–”。",
        "★ = assessment section. The figure after a pollutant is its multiple over the class Ⅲ "
        'limit; "vs last month" compares this month\'s class with last month\'s ("–" when '
        "either has no data).",
    ),
    "brf.miss.sep": ("：", ": "),
    "brf.miss.not_on_network": (
        "该断面未落在河网上，无法溯源。",
        "The section is not on the river network: no tracing.",
    ),
    "brf.sources_note": (
        "每个未达标断面列出得分最高的{n}个候选来源（溯源页的方法：得分≥1即可解释超标）。",
        "The {n} best-scoring candidate sources of each miss (the tracing page's method: a score "
        "of 1 or more explains the miss).",
    ),
    "brf.no_targets": ("没有有风险或未达成的目标。", "No target is at risk or missed."),
    "brf.targets_note": (
        "目标状态按“目标与任务”页的规则，截至 {date}。",
        "Target status by the targets page's rules, as at {date}.",
    ),
    "brf.no_tasks": ("没有逾期未完成的重点任务。", "No task is overdue."),
    "brf.comp": (
        "{year}年截至本月应缴生态补偿金累计{ytd}，其中本月{month}。",
        "Eco-compensation due in {year} up to this month: {ytd}, of which this month: {month}.",
    ),
    "brf.src.overdue_outfalls": ("其中逾期整治的排污口", "of which past their rectification deadline"),
    "brf.src.direct_outfalls": ("未销号的生活污水直排口", "Domestic-sewage direct outfalls still open"),
    "brf.src.combined_km": ("待改造合流管（km）", "Combined pipe to separate (km)"),
    "brf.src.combined_segments": ("待改造合流管段数", "Combined pipe segments to separate"),
    "brf.src.black_rural": ("未销号农村黑臭水体", "Rural black-odorous bodies not closed out"),
    "brf.src.blank_areas": ("未消除的管网空白区", "Pipe-network blank areas still open"),
    "brf.chart.key": ("{section}断面{year}年逐月水质类别", "{section}: class by month, {year}"),
    "brf.chart.threshold": ("补偿阈值：{cls}", "Compensation threshold: {cls}"),
    "brf.chart.key_note": (
        "柱越高水质越差；黑框为劣于补偿阈值、须缴纳生态补偿金的月份；“–”为无数据（不计费）。",
        "Taller bars are worse classes; framed bars are months worse than the threshold, when "
        'eco-compensation is due; "–" = no data (not billed).',
    ),
    "brf.col.item": ("项目", "Item"),
    "brf.col.now": ("{month}末", "End of {month}"),
    "brf.col.before": ("{month}末", "End of {month}"),
    "brf.col.change": ("变化", "Change"),
    "brf.cli.bad_month": ("月份格式应为 YYYY-MM：{value}", "Not a month YYYY-MM: {value}"),
    "brf.cli.bad_week": ("周的格式应为 YYYY-Www（ISO 周）：{value}", "Not an ISO week YYYY-Www: {value}"),
    "brf.cli.no_month": (
        "数据仓库中没有 {month} 的数据（有数据的月份：{first} 至 {last}）。",
        "No data for {month} in the warehouse (months with data: {first} to {last}).",
    ),
    "brf.cli.unknown_town": ("没有镇（街道）{town}。", "No township {town}."),
    "brf.cli.wrote": ("已写入 {path}（{month}，{size} KB）", "wrote {path} ({month}, {size} KB)"),
    "brf.cli.no_pdf": ("未能生成 PDF（Word 文件已写出）：{error}", "no PDF made (the Word file was written): {error}"),
}
