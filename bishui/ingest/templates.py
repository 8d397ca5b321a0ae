"""Import templates: one per kind, Chinese (or English) headers, an example row, a notes sheet."""

from __future__ import annotations

import csv
import io

from bishui.db import canonical
from bishui.views import export
from bishui.ingest import columns, messages, schema, vocab

KINDS_IN_ORDER = [
    "readings",
    "sections",
    "outfalls",
    "outfall_inspections",
    "pipes",
    "facilities",
    "plant_effluent",
    "water_bodies",
    "water_body_inspections",
    "target_progress",
    "task_updates",
    "network_blank_areas",
    "projects",
    "targets",
    "tasks",
    "compensation_rules",
    "towns",
    "rivers",
    "river_network",
    "river_positions",
    "sluices",
    "flow_readings",
    "eco_flow_minimums",
    "sluice_operations",
    "flood_checklist",
    "drinking_sources",
    "drinking_source_zones",
    "drinking_source_samples",
    "tn_problems",
    "medical_institutions",
    "medical_monitoring",
    "pollution_sources",
    "source_inspections",
    "enforcement_cases",
]

_NOTES = {
    "zh": {
        "sheet": "说明",
        "data": "数据",
        "column": "列名",
        "required": "必填",
        "allowed": "说明/可选值",
        "yes": "是",
        "no": "",
        "unit": "单位：{unit}",
        "ref": "填写编号或名称",
        "date": "日期，如 2023-05-03",
        "month": "月份，如 2023年5月（按当月1日计）",
        "bool": "是/否",
        "geom": "WKT 文本，或改用 GeoJSON 文件",
        "readings": "可用长表（每行一个项目）或宽表（每个项目一列，如“氨氮(mg/L)”）；"
        "未检出写 <0.01、0.01L，或 ND/未检出 并填写检出限。",
    },
    "en": {
        "sheet": "notes",
        "data": "data",
        "column": "column",
        "required": "required",
        "allowed": "notes / allowed",
        "yes": "yes",
        "no": "",
        "unit": "unit: {unit}",
        "ref": "code or name",
        "date": "a date, e.g. 2023-05-03",
        "month": "a month, e.g. 2023-05 (counts as the 1st)",
        "bool": "yes/no",
        "geom": "WKT text, or send a GeoJSON file instead",
        "readings": "long (one parameter per row) or wide (one column per parameter, e.g. 'NH3-N (mg/L)'); "
        "below detection: <0.01, 0.01L, or ND with a detection limit.",
    },
}


def _template_columns(kind: str) -> list[columns.Col]:
    info = schema.columns(kind)
    return [c for c in columns.kind_columns()[kind] if (c.name in info or c.helper) and c.in_template]


def template(kind: str, lang: str = "zh", fmt: str = "xlsx") -> bytes:
    """An import template for kind: the header row (labels in lang) and one example row; xlsx adds a
    notes sheet with what each column takes. fmt: xlsx | csv (UTF-8 with BOM)."""
    if kind not in canonical.KINDS:
        raise ValueError(messages.text("kind_invalid", lang, kind=kind, choices=", ".join(canonical.KINDS)))
    lang = messages.lang_of(lang)
    cols = _template_columns(kind)
    header = [c.zh if lang == "zh" else c.en for c in cols]
    example = [c.example for c in cols]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow([export.safe_text(h) for h in header])
        w.writerow([export.safe_text(e) for e in example])
        return buf.getvalue().encode("utf-8-sig")
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    notes = _NOTES[lang]
    wb = openpyxl.Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook holds one worksheet
    ws.title = notes["data"]
    ws.append(header)
    ws.append([_typed_example(kind, c) for c in cols])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, c in enumerate(cols, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(12, len(header[i - 1]) * 2 + 2)
    ns = wb.create_sheet(notes["sheet"])
    ns.append([notes["column"], notes["required"], notes["allowed"]])
    info = schema.columns(kind)
    required = set(columns.required_columns(kind))
    if kind == "readings":
        required |= {"parameter", "value"}
    for c in cols:
        ci = info.get(c.name)
        note = []
        if ci is not None and ci.allowed and not c.ref:
            note.append(
                ("、" if lang == "zh" else ", ").join(
                    (vocab.value_label_zh(c.name, a) if lang == "zh" else a) for a in ci.allowed
                )
            )
        if c.ref:
            note.append(notes["ref"])
        if ci is not None and ci.type == "DATE":
            note.append(notes["month"] if c.month else notes["date"])
        if ci is not None and ci.type == "BOOLEAN":
            note.append(notes["bool"])
        if c.unit:
            note.append(notes["unit"].format(unit=c.unit))
        if c.name == "geom_wkb":
            note.append(notes["geom"])
        ns.append(
            [
                c.zh if lang == "zh" else c.en,
                notes["yes"] if c.name in required else notes["no"],
                "；".join(note) if lang == "zh" else "; ".join(note),
            ]
        )
    if kind == "readings":
        ns.append([])
        ns.append([notes["readings"]])
    for sheet in wb.worksheets:  # text is text: nothing a user opens runs as a formula
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and export.needs_quote(cell.value):
                    cell.data_type, cell.quotePrefix = "s", True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _typed_example(kind: str, col: columns.Col):
    ci = schema.columns(kind).get(col.name)
    if (
        ci is not None
        and ci.type in ("DOUBLE", "INTEGER")
        and col.example
        and col.name not in ("target_class", "threshold_class")
    ):
        try:
            x = float(col.example)
            return int(x) if x.is_integer() else x
        except ValueError:
            return col.example
    return col.example
