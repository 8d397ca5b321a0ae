"""The import report's words: one dict per language (zh-CN default, en second).

Every problem the importer reports carries a message code (the keys below); the reason text is
rendered from it in the report's language. `text(code, lang, **values)` never fails: a missing
placeholder is shown as {name}, an unknown code as the code itself."""

from __future__ import annotations

import string

ZH: dict[str, str] = {
    # file level
    "file_empty": "文件为空",
    "file_unreadable": "无法读取文件：{detail}",
    "xlsx_damaged": "Excel 文件已损坏或不完整，无法打开：{detail}",
    "not_text": "不是可识别的 CSV/Excel/GeoJSON 文件（疑似二进制文件）",
    "encoding_unknown": "无法识别文件编码（支持 UTF-8、GBK/GB18030）",
    "geojson_invalid": "GeoJSON 无法解析：{detail}",
    "no_header": "找不到表头（前 {n} 行中没有可识别的列名）",
    "no_rows": "没有数据行",
    "no_sheets": "文件中没有包含数据的工作表",
    "sheet_ignored": "工作表“{sheet}”未识别为可导入的数据，已忽略",
    "sheet_other_kind": "工作表“{sheet}”看起来是“{other}”数据，与本次导入类型“{kind}”不同，已忽略（请单独导入）",
    "column_ignored": "未识别的列，已忽略",
    "column_duplicate": "重复的列（与“{first}”对应同一字段），已忽略",
    "kind_unknown": "无法根据表头判断数据类型，请用 --kind 指定{closest}",
    "kind_closest": "（最接近：{kind}，缺少列：{missing}）",
    "kind_ambiguous": "表头同时符合多种数据类型（{candidates}），请用 --kind 指定",
    "kind_invalid": "未知的数据类型“{kind}”，可选：{choices}",
    "too_many_fields": "该行的字段数（{n}）多于表头（{m}）",
    "limit_rows": "文件有 {n} 行，超过每个文件 {max} 行的上限，请拆分后分批导入",
    "limit_columns": "文件有 {n} 列，超过 {max} 列的上限（请检查分隔符或删除多余的列）",
    "limit_sheet_cells": "工作表“{sheet}”的范围过大（到 {cell}，共 {n} 个单元格，上限 {max}）：请删除表格末尾的空行空列，或另存为 CSV",
    "limit_sheet_rows": "工作表“{sheet}”的范围过大（到 {cell}，{n} 行，上限 {max}）：请删除表格末尾的空行，或另存为 CSV",
    "limit_sheet_columns": "工作表“{sheet}”的范围过大（到 {cell}，{n} 列，上限 {max}）：请删除多余的空列，或另存为 CSV",
    "limit_unzipped": "Excel 文件解压后约 {mb} MB，超过 {max} MB 的上限（疑似压缩炸弹或大量空白内容）",
    "limit_memory": "读取该文件所需内存超过上限，已停止（文件可能含有异常大的表格范围）",
    "limit_time": "读取该文件超过 {s} 秒的时限，已停止，请拆分文件或另存为 CSV 后重试",
    "limit_crashed": "读取该文件时读取程序意外退出（{detail}），已停止；文件可能已损坏",
    "problems_capped": "问题过多，仅列出前 {shown} 个（共 {n} 个）；所有有问题的行都不会导入",
    "reason_not_listed": "有问题（问题过多，未逐条列出；请先修正已列出的问题后重新检查）",
    # column / cell level
    "column_missing": "缺少必填列“{name}”",
    "value_missing": "必填项为空",
    "not_a_number": "不是有效的数字",
    "not_an_integer": "不是有效的整数",
    "not_a_date": "无法识别的日期（可用 2023-05-03、2023/5/3、2023年5月3日、2023年5月）",
    "not_a_datetime": "无法识别的日期时间",
    "not_a_boolean": "应为 是/否",
    "not_a_class": "应为水质类别 Ⅰ–Ⅴ（或 1–5）",
    "unknown_code": "不是允许的取值（可选：{allowed}）",
    "unknown_reference": "未找到对应的{target}{suggestions}",
    "suggestions": "，最接近的是：{names}",
    "ambiguous_reference": "名称对应多个{target}（{ids}），请改用编号",
    "unknown_parameter": "未知的监测项目",
    "unit_missing": "缺少单位（{parameter}的单位应为 {unit}）",
    "unit_unknown": "无法识别的单位“{unit}”",
    "unit_mismatch": "单位“{unit}”不适用于{parameter}（应为 {expected}）",
    "negative": "不能为负数",
    "ph_range": "pH 应在 0–14 之间",
    "do_saturation": "溶解氧高于任何水温下的饱和浓度（>{max} mg/L）",
    "out_of_range": "超出合理范围（{lo}–{hi}）",
    "pct_range": "百分比应在 0–100 之间",
    "lon_range": "经度不在中国境内范围（73–136）",
    "lat_range": "纬度不在中国境内范围（3–54）",
    "future_date": "日期晚于今天（{today}）",
    "duplicate": "文件内重复：与第 {first} 行的{keys}相同",
    "below_dl_without_limit": "“未检出”但没有给出检出限",
    "detection_limit_invalid": "检出限应为正数",
    "geometry_invalid": "几何无法解析（应为 WKT 或 GeoJSON）",
    "geometry_type": "几何类型应为 {expected}",
    "conflict": "与库中已有数据不同（原值 {old}，新值 {new}），如需覆盖请选择“替换”",
    # run level
    "already_imported": "该文件已在批次 {batch} 导入，本次未做任何更改",
    "undo_unknown": "没有批次 {batch}",
    "undo_build": "批次 0 是初始建库，不能撤销",
    "undo_done": "批次 {batch} 已撤销过",
    "undo_blocked": "批次 {later} 替换了本批次导入的数据，请先撤销批次 {later}",
    "apply_has_errors": "文件有 {n} 个错误，未导入任何数据（可选择“跳过无效行”只导入有效行）",
    "apply_has_conflicts": "有 {n} 行与库中已有数据冲突，未导入任何数据（可选择“替换”覆盖）",
    "nothing_to_import": "没有需要导入的新数据",
    # labels
    "col_file": "文件",
    "col_sheet": "工作表",
    "col_row": "行",
    "col_column": "列",
    "col_value": "值",
    "col_reason": "原因",
    "col_severity": "级别",
    "col_key": "记录",
    "col_old": "原值",
    "col_new": "新值",
    "sev_error": "错误",
    "sev_warning": "提示",
    "rej_row": "原行号",
    "rej_reason": "问题",
    "rej_sheet": "原工作表",
    "summary_plan": "{file}：类型 {kind}，有效 {valid} 行（新增 {new}，已存在且相同 {same}，冲突 {conflicts}），无效 {rejected} 行",
    "summary_imported": "{file}：已导入批次 {batch}：新增 {added} 行，替换 {replaced} 行，拒收 {rejected} 行",
    "summary_rejected_file": "被拒收的行及原因已写入：{path}",
    "summary_dry_run": "{file}：试运行，未写入数据库",
    "summary_rejected": "{file}：未导入",
    "summary_more": "……另有 {n} 条未显示",
    "problems_title": "问题清单",
    "conflicts_title": "与库中数据冲突（原值 / 新值）",
    "monthly_note": "“年月”格式的日期按当月 1 日计",
}

EN: dict[str, str] = {
    "file_empty": "the file is empty",
    "file_unreadable": "cannot read the file: {detail}",
    "xlsx_damaged": "the Excel file is damaged or incomplete: {detail}",
    "not_text": "not a CSV, Excel or GeoJSON file (looks binary)",
    "encoding_unknown": "unknown text encoding (UTF-8 and GBK/GB18030 are supported)",
    "geojson_invalid": "cannot parse the GeoJSON: {detail}",
    "no_header": "no header row found (no known column names in the first {n} rows)",
    "no_rows": "no data rows",
    "no_sheets": "no sheet with data in the file",
    "sheet_ignored": "sheet '{sheet}' is not a known kind of data; ignored",
    "sheet_other_kind": "sheet '{sheet}' looks like '{other}', not '{kind}'; ignored (import it separately)",
    "column_ignored": "unknown column, ignored",
    "column_duplicate": "duplicate column (same field as '{first}'), ignored",
    "kind_unknown": "cannot tell the kind of data from the headers; give --kind{closest}",
    "kind_closest": " (closest: {kind}, missing columns: {missing})",
    "kind_ambiguous": "the headers fit several kinds ({candidates}); give --kind",
    "kind_invalid": "unknown kind '{kind}'; choose one of: {choices}",
    "too_many_fields": "the row has more fields ({n}) than the header ({m})",
    "limit_rows": "the file has {n} rows, more than the limit of {max} per file; split it and import the parts",
    "limit_columns": "the file has {n} columns, more than the limit of {max} (check the delimiter or remove extra columns)",
    "limit_sheet_cells": "sheet '{sheet}' spans too large a range (to {cell}, {n} cells, limit {max}): delete the empty rows and columns at its end or save it as CSV",
    "limit_sheet_rows": "sheet '{sheet}' spans too many rows (to {cell}, {n} rows, limit {max}): delete the empty rows at its end or save it as CSV",
    "limit_sheet_columns": "sheet '{sheet}' spans too many columns (to {cell}, {n} columns, limit {max}): delete the empty columns or save it as CSV",
    "limit_unzipped": "the Excel file unpacks to about {mb} MB, more than the limit of {max} MB (a zip bomb or masses of blank content)",
    "limit_memory": "reading this file needed more memory than allowed and was stopped (the file may declare an absurdly large range)",
    "limit_time": "reading this file took longer than {s} s and was stopped; split the file or save it as CSV and retry",
    "limit_crashed": "the reader stopped unexpectedly while reading this file ({detail}); the file may be damaged",
    "problems_capped": "too many problems: the first {shown} of {n} are listed; every row with a problem is left out",
    "reason_not_listed": "has a problem (too many to list; fix the listed ones and check again)",
    "column_missing": "required column '{name}' is missing",
    "value_missing": "required value is empty",
    "not_a_number": "not a number",
    "not_an_integer": "not a whole number",
    "not_a_date": "not a date (use 2023-05-03, 2023/5/3, 2023年5月3日 or 2023年5月)",
    "not_a_datetime": "not a date and time",
    "not_a_boolean": "should be yes/no",
    "not_a_class": "should be a water-quality class I–V (or 1–5)",
    "unknown_code": "not an allowed value (allowed: {allowed})",
    "unknown_reference": "no such {target}{suggestions}",
    "suggestions": "; closest: {names}",
    "ambiguous_reference": "the name matches several {target} ({ids}); use the code",
    "unknown_parameter": "unknown parameter",
    "unit_missing": "unit missing ({parameter} is measured in {unit})",
    "unit_unknown": "unknown unit '{unit}'",
    "unit_mismatch": "unit '{unit}' does not fit {parameter} (expected {expected})",
    "negative": "must not be negative",
    "ph_range": "pH must be between 0 and 14",
    "do_saturation": "dissolved oxygen above saturation at any water temperature (>{max} mg/L)",
    "out_of_range": "outside the plausible range ({lo}–{hi})",
    "pct_range": "a percentage must be between 0 and 100",
    "lon_range": "longitude outside China (73–136)",
    "lat_range": "latitude outside China (3–54)",
    "future_date": "date after today ({today})",
    "duplicate": "duplicate in the file: same {keys} as row {first}",
    "below_dl_without_limit": "'not detected' without a detection limit",
    "detection_limit_invalid": "the detection limit must be positive",
    "geometry_invalid": "cannot parse the geometry (expected WKT or GeoJSON)",
    "geometry_type": "geometry must be a {expected}",
    "conflict": "differs from the warehouse (old {old}, new {new}); choose 'replace' to overwrite",
    "already_imported": "this file was already imported in batch {batch}; nothing changed",
    "undo_unknown": "no batch {batch}",
    "undo_build": "batch 0 is the initial build and cannot be undone",
    "undo_done": "batch {batch} is already undone",
    "undo_blocked": "batch {later} replaced rows of this batch; undo batch {later} first",
    "apply_has_errors": "the file has {n} errors; nothing was imported (use 'skip invalid rows' to import the valid rows)",
    "apply_has_conflicts": "{n} rows conflict with the warehouse; nothing was imported (use 'replace' to overwrite)",
    "nothing_to_import": "nothing new to import",
    "col_file": "file",
    "col_sheet": "sheet",
    "col_row": "row",
    "col_column": "column",
    "col_value": "value",
    "col_reason": "reason",
    "col_severity": "severity",
    "col_key": "record",
    "col_old": "old",
    "col_new": "new",
    "sev_error": "error",
    "sev_warning": "note",
    "rej_row": "source_row",
    "rej_reason": "problem",
    "rej_sheet": "source_sheet",
    "summary_plan": "{file}: kind {kind}, {valid} valid rows ({new} new, {same} already present, {conflicts} conflicting), {rejected} invalid rows",
    "summary_imported": "{file}: imported as batch {batch}: {added} rows added, {replaced} replaced, {rejected} rejected",
    "summary_rejected_file": "rejected rows and their reasons written to: {path}",
    "summary_dry_run": "{file}: dry run, nothing written",
    "summary_rejected": "{file}: not imported",
    "summary_more": "... {n} more not shown",
    "problems_title": "Problems",
    "conflicts_title": "Conflicts with the warehouse (old / new)",
    "monthly_note": "dates given as year and month count as the 1st of that month",
}

MESSAGES: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}

# Words used inside messages: what a reference column points at, and kind names.
TARGETS = {
    "zh": {"sections": "断面", "outfalls": "排污口", "facilities": "设施", "water_bodies": "水体",
           "towns": "镇街", "rivers": "河流", "targets": "目标", "tasks": "任务", "parameters": "监测项目",
           "outfall_types": "排污口类型", "objects": "对象", "medical_institutions": "医疗机构",
           "pollution_sources": "污染源",
           "objects:section": "断面", "objects:outfall": "排污口", "objects:plant": "污水处理厂",
           "objects:overflow": "溢流点", "objects:blank_area": "管网空白区", "objects:black_odorous": "黑臭水体"},
    "en": {"sections": "section", "outfalls": "outfall", "facilities": "facility", "water_bodies": "water body",
           "towns": "township", "rivers": "river", "targets": "target", "tasks": "task", "parameters": "parameter",
           "outfall_types": "outfall type", "objects": "object of that kind",
           "medical_institutions": "medical institution", "pollution_sources": "pollution source",
           "objects:section": "section", "objects:outfall": "outfall", "objects:plant": "treatment plant",
           "objects:overflow": "overflow point", "objects:blank_area": "blank area",
           "objects:black_odorous": "black-odorous body"},
}

KIND_LABELS = {
    "zh": {"readings": "监测数据", "sections": "断面", "outfalls": "入河排污口", "outfall_inspections": "排污口监测",
           "pipes": "管网", "facilities": "设施", "plant_effluent": "污水处理厂出水", "water_bodies": "黑臭水体",
           "water_body_inspections": "水体巡查监测", "target_progress": "目标进展", "task_updates": "任务进展",
           "towns": "镇街", "rivers": "河流", "network_blank_areas": "管网空白区", "targets": "目标",
           "tasks": "任务", "projects": "项目", "compensation_rules": "生态补偿规则",
           "river_network": "河流水系", "river_positions": "沿河位置",
           "medical_institutions": "医疗机构", "medical_monitoring": "医疗机构污水监测",
           "pollution_sources": "涉水污染源", "source_inspections": "污染源执法检查", "enforcement_cases": "立案查处"},
    "en": {},
}


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def lang_of(lang: str | None) -> str:
    return lang if lang in MESSAGES else "zh"


def text(code: str, lang: str = "zh", **values) -> str:
    """The message for code in lang, with {placeholders} filled from values."""
    template = MESSAGES[lang_of(lang)].get(code) or MESSAGES["zh"].get(code) or code
    return string.Formatter().vformat(template, (), _Keep(values))


def target_word(target: str, lang: str) -> str:
    return TARGETS[lang_of(lang)].get(target, target)


def kind_label(kind: str, lang: str) -> str:
    return KIND_LABELS[lang_of(lang)].get(kind, kind)
