"""Strings of the total-nitrogen tab of the trends page (plan task 12)."""

STRINGS = {
    "trd.tab.tn": ("总氮专项", "Total nitrogen"),
    "tn.none": ("没有总氮数据。", "No total-nitrogen data."),
    "tn.year": ("年度", "Year"),
    "tn.rule": (
        "河流总氮不参与水质类别评价，只看浓度变化：当年1月至最近一个已结束月份的均值，与上年同期均值比较；"
        "升幅超过 {pct}% 为“反弹”（目标N1按此计数，12月即为年均值比较），均值高于 {high} mg/L 为“高值”"
        "（两个阈值为工作规则，可在 tn_action_settings 表中调整）。",
        "TN never enters a river's class; it is followed as a concentration: the mean from January to the "
        "latest complete month against the same months of the year before; more than {pct}% higher is a "
        "'rebound' (target N1 counts these; in December the annual means), a mean above {high} mg/L is "
        "'high' (both thresholds are working rules, kept in the tn_action_settings table).",
    ),
    "tn.m.rebounding": ("反弹断面", "Rebounding sections"),
    "tn.m.high": ("高值断面", "High sections"),
    "tn.m.overdue": ("逾期未整改问题", "Problems overdue"),
    "tn.h.years": (
        "{year}年各断面总氮（与上年同期比较）",
        "TN by section in {year} (against the same months last year)",
    ),
    "tn.h.monthly": ("总氮月均值", "Monthly TN means"),
    "tn.h.problems": ("总氮污染问题及整改措施清单", "TN problem and rectification list"),
    "tn.no_problems": (
        "问题清单为空（可在“数据”页导入“总氮问题清单”）。",
        "The problem list is empty (import a 'TN problem list' on the Data page).",
    ),
    "tn.note": (
        "反弹、高值断面的溯源排查对象：污水处理厂、涉氮企业、居民集中区、养殖及种植密集区、闸坝拦蓄区（见“溯源”页）。",
        "Where to trace at rebounding and high sections: WWTPs, nitrogen-emitting firms, dense settlements, "
        "livestock and farming areas, water held by sluices (see the Source tracing page).",
    ),
    "tn.flag.rebounding": ("反弹", "rebounding"),
    "tn.flag.high": ("高值", "high"),
    "tn.high_line": ("高值线 {v} mg/L", "high: {v} mg/L"),
    "tn.axis": ("总氮 (mg/L)", "TN (mg/L)"),
    "tn.status.open": ("未整改", "Open"),
    "tn.status.rectifying": ("整改中", "Rectifying"),
    "tn.status.done": ("已完成", "Done"),
    "tn.overdue": ("已逾期", "overdue"),
    "col.tn_section": ("断面", "Section"),
    "col.tn_year": ("年度", "Year"),
    "col.tn_through": ("统计至", "Through"),
    "col.tn_mean_ytd": ("当年均值(mg/L)", "Mean this year (mg/L)"),
    "col.tn_mean_prev": ("上年同期均值(mg/L)", "Same months last year (mg/L)"),
    "col.tn_change_pct": ("同比变化(%)", "Change (%)"),
    "col.tn_flag": ("判定", "Flag"),
    "col.tn_problem_id": ("编号", "ID"),
    "col.tn_problem": ("问题", "Problem"),
    "col.tn_measure": ("整改措施", "Measure"),
    "col.tn_owner": ("责任单位", "Owner"),
    "col.tn_found_on": ("发现日期", "Found on"),
    "col.tn_deadline": ("整改时限", "Deadline"),
    "col.tn_status": ("状态", "Status"),
    "col.tn_done_on": ("完成日期", "Done on"),
}
