"""Strings of the trend analysis (bishui.trends, pages/trends.py)."""

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
    "trd.verdict.too_few": ("时段数 N = {n}，少于 {min_n}，不作趋势判断", "N = {n} periods, fewer than {min_n}: no verdict"),
    "trd.table.exact": ("精确临界值表", "exact table"),
    "trd.table.older": ("旧版临界值表", "older table"),
    "trd.spearman_full": ("{word}，r_s {r}，N {n}，W {w}（{table}），α {alpha}",
                          "{word}, r_s {r}, N {n}, W {w} ({table}), α {alpha}"),
    "trd.spearman_no_w": ("{word}，r_s {r}，N {n}（{table}），α {alpha}", "{word}, r_s {r}, N {n} ({table}), α {alpha}"),
    "trd.sk_full": ("季节性肯德尔：{word}，Sen 斜率 {slope} {unit}/年，Z {z}，p {p}，{years} 年",
                    "Seasonal Kendall: {word}, Sen slope {slope} {unit} per year, Z {z}, p {p}, {years} years"),
    "trd.sk_insufficient": ("季节性肯德尔：数据不足（{years} 年；需至少 5 年，且首末五分之一年份中过半月份有数据）",
                            "Seasonal Kendall: insufficient data ({years} years; needs 5 years or more and data in more than half of the months in the first and last fifth of the years)"),
    "trd.working_rule": ("工作规则", "working rule"),
    "trd.unverified": ("未经核实", "unverified"),
    "trd.verified": ("已核实", "verified"),
}
