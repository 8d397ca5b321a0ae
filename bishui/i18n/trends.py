"""Strings of the trend analysis (bishui.rules.trends, pages/trends.py)."""

STRINGS = {
    "nav.trends": ("趋势分析", "Trends"),
    "trd.title": ("水质趋势分析", "Water-quality trends"),
    "trd.none": ("无数据", "No data"),
    # 水质状况 levels (§2.4)
    "trd.level.0": ("优", "Excellent"),
    "trd.level.1": ("良好", "Good"),
    "trd.level.2": ("轻度污染", "Lightly polluted"),
    "trd.level.3": ("中度污染", "Moderately polluted"),
    "trd.level.4": ("重度污染", "Heavily polluted"),
    # change between two periods (§2.10, working rule)
    "trd.change.no_change": ("无明显变化", "no marked change"),
    "trd.change.slight_better": ("有所好转", "somewhat better"),
    "trd.change.marked_better": ("明显好转", "markedly better"),
    "trd.change.slight_worse": ("有所变差", "somewhat worse"),
    "trd.change.marked_worse": ("明显变差", "markedly worse"),
    "trd.change.no_data": ("无法比较（缺数据）", "not comparable (no data)"),
    # trend verdicts
    "trd.verdict.rise": ("呈显著上升趋势", "significant rise"),
    "trd.verdict.fall": ("呈显著下降趋势", "significant fall"),
    "trd.verdict.none": ("无显著变化趋势", "no significant trend"),
    "trd.verdict.no_critical": ("无法判断（临界值表无此 N）", "no verdict (N not in the table)"),
    "trd.verdict.insufficient": ("数据不足", "insufficient data"),
    "trd.verdict.too_few": (
        "时段数 N = {n}，少于 {min_n}，不作趋势判断",
        "N = {n}, fewer than {min_n} periods: no verdict",
    ),
    "trd.table.exact": ("精确临界值表", "exact table"),
    "trd.table.older": ("旧版临界值表", "older table"),
    "trd.spearman_full": (
        "{word}，r_s {r}，N {n}，W {w}（{table}），α {alpha}",
        "{word}, r_s {r}, N {n}, W {w} ({table}), α {alpha}",
    ),
    "trd.spearman_no_w": (
        "{word}，r_s {r}，N {n}（{table}），α {alpha}",
        "{word}, r_s {r}, N {n} ({table}), α {alpha}",
    ),
    "trd.sk_full": (
        "季节性肯德尔：{word}，Sen 斜率 {slope} {unit}/年，Z {z}，p {p}，{years} 年",
        "Seasonal Kendall: {word}, Sen slope {slope} {unit} per year, Z {z}, p {p}, {years} years",
    ),
    "trd.sk_insufficient": (
        "季节性肯德尔：数据不足（{years} 年；需至少 5 年，且首末五分之一年份中过半月份有数据）",
        "Seasonal Kendall: insufficient data ({years} years; needs 5 years or more and data in more than half of the months in the first and last fifth of the years)",
    ),
    "trd.working_rule": ("工作规则", "working rule"),
    "trd.unverified": ("未经核实", "unverified"),
    "trd.verified": ("已核实", "verified"),
    "trd.district": ("全区", "District"),
    "trd.kind.district": ("全区", "District"),
    "trd.kind.town": ("镇街", "Township"),
    "trd.kind.river": ("河流", "River"),
    "trd.kind.section": ("断面", "Section"),
    "trd.method.shares": ("断面类别比例法", "class shares"),
    "trd.method.means": ("平均浓度单因子评价", "mean concentrations"),
    "trd.method.none": ("—", "—"),
    "trd.series.good": ("Ⅰ～Ⅲ类比例", "I–III share"),
    "trd.series.bad": ("劣Ⅴ类比例", "Worse-than-V share"),
    "col.trd_area_kind": ("范围", "Area type"),
    "col.trd_area": ("名称", "Name"),
    "col.trd_n_sections": ("断面数", "Sections"),
    "col.trd_method": ("评价方法", "Method"),
    "col.trd_status_base": ("基准期水质状况", "Status, base period"),
    "col.trd_status_now": ("本期水质状况", "Status, this period"),
    "col.trd_good_base_pct": ("基准期Ⅰ～Ⅲ类比例（%）", "I–III share, base (%)"),
    "col.trd_good_now_pct": ("本期Ⅰ～Ⅲ类比例（%）", "I–III share, now (%)"),
    "col.trd_bad_base_pct": ("基准期劣Ⅴ类比例（%）", "Worse-than-V share, base (%)"),
    "col.trd_bad_now_pct": ("本期劣Ⅴ类比例（%）", "Worse-than-V share, now (%)"),
    "col.trd_score": ("ΔG−ΔD（百分点）或级差", "ΔG − ΔD (points) or level steps"),
    "col.trd_change": ("变化", "Change"),
    "col.trd_class_base": ("基准期类别", "Class, base period"),
    "col.trd_class_now": ("本期类别", "Class, this period"),
    "col.trd_steps": ("级差（正为好转）", "Level steps (+ = better)"),
    "col.trd_series": ("序列", "Series"),
    "col.trd_years": ("年份", "Years"),
    "col.trd_n": ("N", "N"),
    "col.trd_rs": ("r_s", "r_s"),
    "col.trd_w": ("W_p(N)", "W_p(N)"),
    "col.trd_verdict": ("Spearman 秩相关检验", "Spearman rank correlation"),
    "col.trd_sen_per_year": ("Sen 斜率（每年）", "Sen slope (per year)"),
    "col.trd_sk": ("季节性肯德尔检验", "Seasonal Kendall"),
    "col.trd_rank": ("排名", "Rank"),
    "col.trd_cwqi": ("CWQI", "CWQI"),
    "col.trd_cwqi_base": ("基准年同期 CWQI", "CWQI, same period of base year"),
    "col.trd_dcwqi_pct": ("ΔCWQI（%）", "ΔCWQI (%)"),
    "col.trd_n_items": ("参评指标数", "Items"),
    "col.trd_multiple_target": ("超目标倍数（最大）", "Multiple over target (largest)"),
    "col.trd_multiple_iii": ("超Ⅲ类倍数（最大）", "Multiple over class III (largest)"),
    "col.trd_p_last": ("最近一年综合污染指数", "Pollution index, last year"),
    "trd.pindex_h": (
        "断面综合污染指数的年度趋势（Spearman 秩相关）",
        "Annual trend of each section's pollution index (Spearman rank correlation)",
    ),
    "trd.pindex_note": (
        "综合污染指数 P = Σ Cᵢ/C_Ⅲ,ᵢ，参评指标中除 pH 和溶解氧外的各项（年均值）；P 上升为变差。",
        "Pollution index P = Σ Cᵢ/C_III,ᵢ over the evaluated items except pH and dissolved oxygen (annual "
        "means); a rising P is worse.",
    ),
    "col.trd_worst_parameter": ("超目标最多的指标", "Parameter most over target"),
    "trd.status": ("水质状况", "Status"),
    "trd.pct_axis": ("断面比例（%）", "Share of sections (%)"),
    "trd.sen_line": ("Sen 趋势线", "Sen line"),
    "trd.cwqi_now": ("本期", "This period"),
    "trd.cwqi_base": ("基准年同期", "Same period, base year"),
    "trd.tab.status": ("水质状况与变化", "Status and change"),
    "trd.tab.tests": ("趋势检验", "Trend tests"),
    "trd.tab.cwqi": ("CWQI 排名", "CWQI ranking"),
    "trd.tab.worst": ("年度最差断面", "Worst sections of the year"),
    # lakes and reservoirs: trophic level index TLI (§2.8)
    "trd.tab.tli": ("湖库营养状态", "Lake and reservoir trophic status"),
    "trd.tli.incomplete": ("无法计算（五项不全）", "Incomplete (needs all five)"),
    "trd.tli_axis": ("综合营养状态指数 TLI", "Trophic level index TLI"),
    "trd.tli_h.month": (
        "湖泊、水库综合营养状态指数 TLI（月度）",
        "Trophic level index TLI of lakes and reservoirs, by month",
    ),
    "trd.tli_h.year": (
        "湖泊、水库综合营养状态指数 TLI（年度）",
        "Trophic level index TLI of lakes and reservoirs, by year",
    ),
    "trd.tli_none": (
        "所选范围内没有测定叶绿素a或透明度的湖库断面。",
        "No lake or reservoir section in the chosen area has chlorophyll a or transparency measured.",
    ),
    "trd.tli_note": (
        "TLI(Σ) = Σ Wⱼ·TLI(j)，Wⱼ = rⱼ²/Σr²（r² 相对叶绿素a：叶绿素a 1、总磷 0.7056、总氮 0.6724、透明度 0.6889、"
        "高锰酸盐指数 0.6889）；TLI(chla) = 10(2.5 + 1.086 ln chla)，TLI(TP) = 10(9.436 + 1.624 ln TP)，"
        "TLI(TN) = 10(5.453 + 1.694 ln TN)，TLI(SD) = 10(5.118 − 1.94 ln SD)，TLI(CODMn) = 10(0.109 + 2.661 ln CODMn)"
        "（总站生字〔2001〕090号）。叶绿素a 单位 mg/m³，透明度 m，其余 mg/L；年度值用各项年均值（月均值的平均）。"
        "五项齐全才计算。分级：<30 贫营养，30～50 中营养，50～60 轻度、60～70 中度、>70 重度富营养"
        "（边界取通常读法：50 为中营养，60、70 属较轻一级，未经核实），按表中一位小数的值分级。",
        "TLI(Σ) = Σ Wⱼ·TLI(j), Wⱼ = rⱼ²/Σr² (r² against chlorophyll a: chla 1, TP 0.7056, TN 0.6724, SD 0.6889, "
        "CODMn 0.6889); TLI(chla) = 10(2.5 + 1.086 ln chla), TLI(TP) = 10(9.436 + 1.624 ln TP), TLI(TN) = "
        "10(5.453 + 1.694 ln TN), TLI(SD) = 10(5.118 − 1.94 ln SD), TLI(CODMn) = 10(0.109 + 2.661 ln CODMn) "
        "(CNEMC 2001, No. 090). Chlorophyll a in mg/m³, transparency in m, the others in mg/L; a year uses the "
        "annual means (means of the monthly means). Computed only when all five were measured. Grades: < 30 "
        "oligotrophic, 30–50 mesotrophic, 50–60 lightly, 60–70 moderately, > 70 heavily eutrophic (boundaries "
        "in the usual reading: 50 is mesotrophic, 60 and 70 belong to the lighter grade; unverified), graded on "
        "the value shown to one decimal.",
    ),
    "col.trd_chla": ("叶绿素a（mg/m³）", "Chlorophyll a (mg/m³)"),
    "col.trd_tp": ("总磷（mg/L）", "TP (mg/L)"),
    "col.trd_tn": ("总氮（mg/L）", "TN (mg/L)"),
    "col.trd_sd": ("透明度（m）", "Transparency SD (m)"),
    "col.trd_codmn": ("高锰酸盐指数（mg/L）", "CODMn (mg/L)"),
    "col.trd_tli": ("TLI", "TLI"),
    "col.trd_tli_grade": ("营养状态", "Trophic status"),
    "trd.period_kind": ("时段", "Period"),
    "trd.pk.month": ("月", "Month"),
    "trd.pk.quarter": ("季度", "Quarter"),
    "trd.pk.year": ("年", "Year"),
    "trd.compare_with": ("比较对象", "Compare with"),
    "trd.against.same_last": ("上年同期", "same period last year"),
    "trd.against.previous": ("上一时段", "previous period"),
    "trd.areas_h": ("全区、镇街、河流：{now} 与 {base} 相比", "District, townships, rivers: {now} against {base}"),
    "trd.sections_h": ("断面：{now} 与 {base} 相比", "Sections: {now} against {base}"),
    "trd.rule_note": (
        "变化判定为工作规则（评价办法原文未核实）：断面按水质状况级差，相差 1 级为“有所”，{steps} 级及以上为“明显”；"
        "断面数不少于 {n} 个的区域按 ΔG−ΔD（Ⅰ～Ⅲ类比例变化减劣Ⅴ类比例变化，百分点），|ΔG−ΔD| ≤ {slight} 为无明显变化，"
        "≤ {marked} 为“有所”，> {marked} 为“明显”；断面数少于 {n} 个时按平均浓度评价的水质状况级差。",
        "The change wording is a working rule (the method's clause text was not seen): a section by status level "
        "steps, one level “somewhat”, {steps} or more “markedly”; areas with {n} sections or more by ΔG − ΔD "
        "(change of the I–III share minus change of the worse-than-V share, in points): |ΔG − ΔD| ≤ {slight} no "
        "marked change, ≤ {marked} “somewhat”, > {marked} “markedly”; with fewer than {n} sections, by the level "
        "steps of the status from mean concentrations.",
    ),
    "trd.status_years": ("历年水质状况", "Status by year"),
    "trd.colour_note": (
        "颜色：优 蓝、良好 绿、轻度 黄、中度 橙、重度 红（通行用色，未经核实）。少于 5 个断面的区域按平均浓度单因子评价，5 个及以上按断面类别比例。",
        "Colours: excellent blue, good green, light yellow, moderate orange, heavy red (the usual colours; "
        "unverified). Areas with fewer than 5 sections are rated by mean concentrations, 5 or more by class shares.",
    ),
    "trd.pick_area": ("区域", "Area"),
    "trd.spearman_table": ("Spearman 临界值表", "Spearman critical values"),
    "trd.shares_h": (
        "Ⅰ～Ⅲ类比例与劣Ⅴ类比例的年度趋势（Spearman 秩相关）",
        "Annual trend of the I–III and worse-than-V shares (Spearman rank correlation)",
    ),
    "trd.spearman_note": (
        "r_s = 1 − 6Σd²/(N³ − N)，并列取平均秩；|r_s| ≥ W_p(N) 为显著（单侧）。Ⅰ～Ⅲ类比例上升为好转，劣Ⅴ类比例或浓度上升为变差（溶解氧相反）。旧版临界值表只列 α = 0.01。",
        "r_s = 1 − 6Σd²/(N³ − N), ties take average ranks; |r_s| ≥ W_p(N) is significant (one-tailed). A rising "
        "I–III share is better; a rising worse-than-V share or concentration is worse (dissolved oxygen the other "
        "way). The older table prints only α = 0.01.",
    ),
    "trd.params_h": ("断面指标趋势（上下游对比）", "Section parameters (upstream against downstream)"),
    "trd.pick_sections": ("断面（可多选，按上下游顺序）", "Sections (in upstream-to-downstream order)"),
    "trd.pick_params": ("指标", "Parameters"),
    "trd.need_pick": ("请选择断面和指标。", "Choose sections and parameters."),
    "trd.sk_note": (
        "Spearman 用年均值；季节性肯德尔检验（Hirsch 等 1982，分析人员补充检验，非国家评价办法内容）与 Sen 斜率用月均值，虚线为 Sen 趋势线。",
        "Spearman on the annual means; Seasonal Kendall (Hirsch et al. 1982, the analyst's second test, not part of "
        "the national method) and the Sen slope on the monthly means; dashed: the Sen line.",
    ),
    "trd.level": ("范围", "Level"),
    "trd.base_year": ("基准年", "Base year"),
    "trd.cwqi_h": (
        "城市水质指数 CWQI：{now}（基准 {base}），越小越好",
        "CWQI for {now} (base {base}); smaller is better",
    ),
    "trd.cwqi_note": (
        "CWQI：21 项指标先按断面和时段平均，再求 C/C_Ⅲ（湖库总磷用湖库限值）、溶解氧 {do}/C（未经核实）、pH 按偏离 7 计，求和；"
        "河流与湖库分别计算后按断面（点位）数加权（未经核实）；ΔCWQI =（本期 − 基准）/ 基准 × 100%，负值为改善。"
        "参评指标数少于 21 时各值不可直接比较。",
        "CWQI: the 21 items averaged over the sections and the period first, then C/C_III (lake TP limits for lakes "
        "and reservoirs), dissolved oxygen {do}/C (unverified), pH by its distance from 7, summed; rivers and "
        "lakes/reservoirs computed apart and weighted by their numbers of sections (unverified); ΔCWQI = (now − "
        "base)/base × 100 %, negative = better. Values with fewer than 21 items are not directly comparable.",
    ),
    "trd.no_data_period": ("该时段没有数据。", "No data for this period."),
    "trd.worst_year": ("年份", "Year"),
    "trd.worst_h": ("{year} 最差断面", "Worst sections of {year}"),
    "trd.worst_note": (
        "按年均值评价的水质类别（差者在前）排序，同类别按超目标倍数（最大的指标，(C − C目标)/C目标）排序；溶解氧不计倍数。",
        "Ordered by the class of the annual means (worst first), then by the largest multiple over the target "
        "((C − C_target)/C_target), then over class III; no multiple for dissolved oxygen.",
    ),
    "trd.tli.oligotrophic": ("贫营养", "Oligotrophic"),
    "trd.tli.mesotrophic": ("中营养", "Mesotrophic"),
    "trd.tli.light_eutrophic": ("轻度富营养", "Lightly eutrophic"),
    "trd.tli.moderate_eutrophic": ("中度富营养", "Moderately eutrophic"),
    "trd.tli.heavy_eutrophic": ("重度富营养", "Heavily eutrophic"),
    "trd.badge": ("{param}：{spearman}；{sk}", "{param}: {spearman}; {sk}"),
    "trd.quarter_note": (
        "季度类别：各指标取季度内月均值的平均值，按单因子评价（季度统计规则未经核实）。",
        "Quarter classes: each parameter's mean of its monthly means in the quarter, single-factor "
        "evaluation (the quarterly rule is unverified).",
    ),
    "trd.not_complete": (
        "{month}的数据尚不完整：本页涉及该月的类别、变化和排名均为暂定，不是最终评价结果。",
        "{month}: the data are not complete yet; this page's classes, changes and rankings for "
        "that month are provisional, not final results.",
    ),
}
