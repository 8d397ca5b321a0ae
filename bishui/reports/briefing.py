"""The briefing document (周报 / 调度通报) of the weekly meeting, as a Word file.

build_briefing(month, lang, town) -> .docx bytes. The document is a list of sections (SECTIONS), one
function each, in the order of a district bulletin: title and period, summary in words, section status
table, status matrix chart, misses with their likely sources, targets at risk or missed, overdue tasks,
eco-compensation, the key (F1) section's year as a chart, outfalls and black-odorous bodies. A section function takes the document and a
Briefing (month, language, township, and a memo of query results) and writes its part; more sections
are added by writing one more function and listing it in SECTIONS.

Every figure comes from the queries and builders the pages use (the overview's cards, matrix and misses
table; the targets page's status table and task matrix; the compensation ledger; bishui.db.tracing_data for
likely sources): no rule is computed here. Strings from the warehouse are written as plain text runs
(never as fields, hyperlinks or formulas); characters XML cannot carry are dropped.

Layout: A4 portrait, 20 mm margins, "page n of N" in the footer (the only fields in the document), CJK
text in Noto Sans CJK SC with SimSun as the font table's alternative, so the document renders on a
machine without Microsoft fonts."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from bishui.reports import compensation as comp
from bishui.rules import targets
from bishui.views import figures, figures_static, plan_views as pv
from bishui.rules import labels
from bishui import i18n
from bishui.db import meetings, store, tracing_data

CJK_FONT = "Noto Sans CJK SC"  # shipped with most Linux desktops and free to install anywhere
CJK_FALLBACK = "SimSun"  # the font table's altName: Word on Windows substitutes it
LATIN_FONT = "Arial"  # LibreOffice maps it to the metric-compatible Liberation Sans
MATRIX_MAX_ROWS = 40  # as the overview: the sections worth a meeting first
TOP_SOURCES = 3  # likely sources listed per miss
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text(value: Any) -> str:
    """A value as plain document text: '' for None/NaN, characters XML 1.0 cannot hold removed."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return _XML_INVALID.sub("", str(value))


def month_label(month: dt.date, lang: str) -> str:
    return i18n.t("brf.month", lang, y=month.year, m=month.month)


def class_label(value, lang: str) -> str:
    return i18n.t("class.none" if value is None or pd.isna(value) else f"class.{int(value)}", lang)


def money(value: float, lang: str) -> str:
    """As the overview's cards: 万元 in Chinese, CNY in English."""
    v = float(value or 0)
    return i18n.t("ov.wan", lang, v=v / 10000) if lang == "zh" else i18n.t("ov.yuan", lang, v=v)


@dataclass
class Briefing:
    """What every section reads: the period, the language, the township (None = district), the date
    the targets and tasks are assessed at (the targets page's default for the month), and a memo of
    query results so that two sections asking the same query see the same frame."""

    month: dt.date
    lang: str
    town: str | None = None
    today: dt.date = field(default_factory=lambda: store.app_now().date())
    _memo: dict = field(default_factory=dict, repr=False)

    @property
    def as_of(self) -> dt.date:
        return pv.default_meeting_date(self.month, self.today)

    @property
    def prev_month(self) -> dt.date:
        return (pd.Timestamp(self.month) - pd.DateOffset(months=1)).date()

    def t(self, key: str, **fmt) -> str:
        return i18n.t(key, self.lang, **fmt)

    def q(self, name: str, **params) -> pd.DataFrame:
        key = (name, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())))
        if key not in self._memo:
            self._memo[key] = store.query(name, **params)
        return self._memo[key]

    def town_label(self) -> str:
        if self.town is None:
            return self.t("sidebar.town_all")
        towns = self.q("towns").set_index("town_id")
        return text(towns.loc[self.town, "name_en" if self.lang == "en" else "name_zh"])

    def name_col(self) -> str:
        return "name_en" if self.lang == "en" else "name_zh"


# --- the figures, each from the query (and builder) its page uses -------------------------------------


def attainment(b: Briefing) -> pd.Series:
    """The overview's card: queries/overview_attainment.sql."""
    return b.q("overview_attainment", month=b.month, town_id=b.town, now=b.today).iloc[0]


def status_matrix(b: Briefing) -> pd.DataFrame:
    """The overview's matrix (queries/section_status_matrix.sql), capped as the overview caps it."""
    matrix = b.q("section_status_matrix", month=b.month, town_id=b.town, now=b.today)
    if matrix["section_id"].nunique() > MATRIX_MAX_ROWS:
        matrix = figures.matrix_focus(matrix, b.month, MATRIX_MAX_ROWS)
    return matrix


def misses(b: Briefing) -> pd.DataFrame:
    """The overview's misses table: queries/section_month_misses.sql (worst first)."""
    return b.q("section_month_misses", month=b.month, town_id=b.town)


def compensation(b: Briefing) -> tuple[pd.DataFrame, float, float]:
    """The overview's compensation card: the ledger from January to the month (queries/
    compensation_ledger.sql, the whole district as on the overview): this month's rows, the month's
    total and the year-to-date total."""
    ledger = b.q(
        "compensation_ledger",
        start=dt.date(b.month.year, 1, 1),
        end=b.month,
        town_id=None,
        **comp.ledger_params(b.today),
    )
    this_month = ledger[pd.to_datetime(ledger["month"]).dt.date == b.month]
    return this_month, float(this_month["amount_cny"].sum()), float(ledger["amount_cny"].sum())


def sources(b: Briefing, month: dt.date | None = None) -> pd.Series:
    """The overview's source cards as at a month end: queries/overview_sources.sql."""
    return b.q("overview_sources", month=month or b.month, town_id=b.town).iloc[0]


def target_status(b: Briefing) -> pd.DataFrame:
    """The targets page's status table for the plan year of the month as at b.as_of (bishui.rules.targets),
    only the targets missed or at risk, in the page's order."""
    all_targets = b.q("targets_list")
    if all_targets.empty:
        return all_targets
    year = pv.default_year(sorted(int(y) for y in all_targets["year"].unique()), b.month)
    start, end = pv.measures_window(year, b.as_of)
    measures = b.q("target_measures", year=year, start=start, end=end, town_id=b.town, now=b.today)
    status = targets.status_table(all_targets[all_targets["year"] == year], measures, b.as_of)
    return status[status["status"].isin(["missed", "at_risk"])]


def overdue_tasks(b: Briefing) -> pd.DataFrame:
    """The targets page's task matrix (queries/task_matrix.sql) as at b.as_of, overdue tasks only."""
    matrix = meetings.with_actions(b.q("task_matrix", as_of=b.as_of, town_id=b.town, units=[]), b.as_of)
    return matrix[matrix["is_overdue"].fillna(False).astype(bool)]


def likely_sources(b: Briefing, section_id: str) -> tuple[pd.DataFrame, str]:
    """The tracing page's ranked candidates for a miss (bishui.db.tracing_data.trace), the top TOP_SOURCES,
    and its message; an empty frame and a note when the section is not on the river network."""
    try:
        result = tracing_data.trace(section_id, b.month, None, b.lang)
    except tracing_data.UnknownSection:
        return pd.DataFrame(), b.t("brf.miss.not_on_network")
    except tracing_data.WarehouseTooOld:
        return pd.DataFrame(), b.t("app.stale_schema")
    return result.candidates.head(TOP_SOURCES), result.message


# --- document helpers ------------------------------------------------------------------------------------


def _set_run_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr, value in (
        ("w:ascii", LATIN_FONT),
        ("w:hAnsi", LATIN_FONT),
        ("w:cs", LATIN_FONT),
        ("w:eastAsia", CJK_FONT),
        ("w:hint", "eastAsia"),
    ):
        fonts.set(qn(attr), value)


def _setup_fonts(doc) -> None:
    """Explicit fonts in the defaults and every style (the template's theme fonts are Calibri and
    MS-only East Asian faces), Chinese as the East Asian language, and SimSun as the alternative name
    of Noto Sans CJK SC in the font table."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_run_fonts(rpr_default)
    lang_el = rpr_default.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr_default.append(lang_el)
    lang_el.set(qn("w:eastAsia"), "zh-CN")
    for fonts in styles.iter(qn("w:rFonts")):
        _set_run_fonts(fonts.getparent())
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            root = etree.fromstring(part.blob)
            font = etree.SubElement(root, qn("w:font"))
            font.set(qn("w:name"), CJK_FONT)
            alt = etree.SubElement(font, qn("w:altName"))
            alt.set(qn("w:val"), CJK_FALLBACK)
            charset = etree.SubElement(font, qn("w:charset"))
            charset.set(qn("w:val"), "86")
            family = etree.SubElement(font, qn("w:family"))
            family.set(qn("w:val"), "swiss")
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _field(paragraph, instruction: str) -> None:
    """A simple field (PAGE / NUMPAGES) in the footer: the only fields the document has."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    paragraph._p.append(fld)


def _page_setup(doc, b: Briefing) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # "第 {page} 页，共 {pages} 页": the text around the placeholders, the placeholders as fields
    parts = re.split(r"(\{page\}|\{pages\})", b.t("brf.footer"))
    for part in parts:
        if part == "{page}":
            _field(footer, "PAGE")
        elif part == "{pages}":
            _field(footer, "NUMPAGES")
        elif part:
            footer.add_run(part)
    doc.styles["Normal"].font.size = Pt(10.5)


def _heading(doc, title: str, level: int = 1) -> None:
    doc.add_heading(text(title), level=level)


def _para(doc, value: str, italic: bool = False, size: float | None = None):
    p = doc.add_paragraph()
    run = p.add_run(text(value))
    run.italic = italic
    if size:
        run.font.size = Pt(size)
    return p


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _table(doc, frame: pd.DataFrame, widths_mm: list[float] | None = None, font_pt: float = 9):
    """A table of plain-text cells: the frame's column names as the header row (repeated on every page)."""
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, name in zip(header.cells, frame.columns):
        run = cell.paragraphs[0].add_run(text(name))
        run.bold = True
        run.font.size = Pt(font_pt)
        _shade(cell, "DCE6F0")
    for values in frame.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.paragraphs[0].add_run(text(value)).font.size = Pt(font_pt)
    if widths_mm:  # the grid (LibreOffice reads it) and every cell (Word reads these)
        table.autofit = False
        for column, w in zip(table.columns, widths_mm):
            column.width = Mm(w)
        for row in table.rows:
            for cell, w in zip(row.cells, widths_mm):
                cell.width = Mm(w)
    return table


def _localised(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.rename(columns={c: i18n.column_label(c, lang) for c in frame.columns})


def _num(value, digits: int = 0) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{float(value):,.{digits}f}"


# --- the sections ------------------------------------------------------------------------------------------


def section_title(doc, b: Briefing) -> None:
    """Title, period, township, the date the document was made and (sample warehouse) the sample notice."""
    title = doc.add_heading(b.t("brf.title"), level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = _para(
        doc,
        b.t(
            "brf.period",
            month=month_label(b.month, b.lang),
            town=b.town_label(),
            as_of=b.as_of.isoformat(),
            made=b.today.isoformat(),
        ),
    )
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if store.is_sample():
        _para(doc, b.t("app.sample_banner"), italic=True, size=9)


def summary_figures(b: Briefing) -> dict[str, Any]:
    """The numbers the summary paragraph says in words (each from its section's query)."""
    att = attainment(b)
    src = sources(b)
    _, due_month, due_ytd = compensation(b)
    status = target_status(b)
    return {
        "n_sections": int(att.n_sections),
        "n_evaluated": int(att.n_evaluated),
        "n_attained": int(att.n_attained),
        "prev_n_evaluated": int(att.prev_n_evaluated),
        "prev_n_attained": int(att.prev_n_attained),
        "n_misses": len(misses(b)),
        "due_month": due_month,
        "due_ytd": due_ytd,
        "open_outfalls": int(src.open_outfalls),
        "overdue_outfalls": int(src.overdue_outfalls),
        "open_black_urban": int(src.open_black_odorous_urban),
        "n_targets_missed": int((status["status"] == "missed").sum()) if len(status) else 0,
        "n_targets_at_risk": int((status["status"] == "at_risk").sum()) if len(status) else 0,
        "n_tasks_overdue": len(overdue_tasks(b)),
    }


def summary_sentences(b: Briefing) -> list[str]:
    """The summary paragraph as sentences, figures in words ("本月8个考核断面中7个达到目标…")."""
    f = summary_figures(b)
    period = month_label(b.month, b.lang)
    out = []
    if f["n_evaluated"] == 0:
        out.append(b.t("brf.sum.att_none", period=period, n=f["n_sections"]))
    elif f["n_evaluated"] == f["n_sections"]:
        out.append(b.t("brf.sum.att", period=period, n=f["n_sections"], attained=f["n_attained"]))
    else:
        out.append(
            b.t(
                "brf.sum.att_partial",
                period=period,
                n=f["n_sections"],
                evaluated=f["n_evaluated"],
                attained=f["n_attained"],
            )
        )
    if f["prev_n_evaluated"]:
        out.append(b.t("brf.sum.prev", attained=f["prev_n_attained"], evaluated=f["prev_n_evaluated"]))
    out.append(b.t("brf.sum.misses", n=f["n_misses"]) if f["n_misses"] else b.t("brf.sum.no_misses"))
    out.append(b.t("brf.sum.comp", month=money(f["due_month"], b.lang), ytd=money(f["due_ytd"], b.lang)))
    out.append(
        b.t("brf.sum.targets", missed=f["n_targets_missed"], at_risk=f["n_targets_at_risk"], tasks=f["n_tasks_overdue"])
    )
    out.append(
        b.t("brf.sum.sources", outfalls=f["open_outfalls"], overdue=f["overdue_outfalls"], black=f["open_black_urban"])
    )
    return out


def section_summary(doc, b: Briefing) -> None:
    _heading(doc, b.t("brf.h.summary"))
    _para(doc, ("" if b.lang == "zh" else " ").join(summary_sentences(b)))


def change_text(current, previous, lang: str) -> str:
    """The class this month against last month's: better / worse / same, or '–' without both."""
    if current is None or previous is None or pd.isna(current) or pd.isna(previous):
        return "–"
    cur, prev = int(current), int(previous)
    key = "brf.change.same" if cur == prev else ("brf.change.better" if cur < prev else "brf.change.worse")
    return i18n.t(key, lang, before=labels.class_short(prev, lang), now=labels.class_short(cur, lang))


def status_rows(b: Briefing) -> pd.DataFrame:
    """One row per section of the overview's matrix: section, target class, this month's class, met or
    not, main pollutants (multiples over class Ⅲ), change against last month."""
    matrix = status_matrix(b)
    months = pd.to_datetime(matrix["month"]).dt.date
    now, before = matrix[months == b.month], matrix[months == b.prev_month].set_index("section_id")
    star = b.t("ov.assessment_mark")
    rows = []
    for r in now.to_dict("records"):
        prev = before.loc[r["section_id"], "water_class"] if r["section_id"] in before.index else None
        attained = r["is_attained"]
        rows.append(
            {
                "section": (star + " " if r["is_assessment"] else "") + text(r[b.name_col()]),
                "target_class": class_label(r["target_class"], b.lang),
                "water_class": class_label(r["water_class"], b.lang),
                "brf_attained": b.t("common.no_data")
                if attained is None or pd.isna(attained)
                else b.t("common.attained" if attained else "common.missed"),
                "main_pollutants": labels.pollutants_short(r["main_pollutants"], b.lang),
                "brf_change": change_text(r["water_class"], prev, b.lang),
            }
        )
    return pd.DataFrame(
        rows, columns=["section", "target_class", "water_class", "brf_attained", "main_pollutants", "brf_change"]
    )


def _table_part(
    doc, b: Briefing, heading: str, rows: pd.DataFrame, empty: str, widths_mm: list[float], note: str
) -> bool:
    """A part of the document that is one table: its heading, the table (or `empty` when there are no
    rows) and the note under it. Returns whether the table was written."""
    _heading(doc, heading)
    if rows.empty:
        _para(doc, empty)
        return False
    _table(doc, _localised(rows, b.lang), widths_mm=widths_mm)
    _para(doc, note, italic=True, size=8.5)
    return True


def section_status(doc, b: Briefing) -> None:
    rows = status_rows(b)
    if not _table_part(
        doc, b, b.t("brf.h.status"), rows, b.t("empty.no_rows"), [40, 20, 20, 18, 50, 22], b.t("brf.status_note")
    ):
        return
    total = b.q("section_status_matrix", month=b.month, town_id=b.town, now=b.today)["section_id"].nunique()
    if total > len(rows):  # capped as on the overview
        _para(doc, b.t("ov.matrix_capped", n=len(rows), total=total), italic=True, size=8.5)


def matrix_image(b: Briefing) -> bytes | None:
    """The overview's matrix as a PNG (bishui.views.figures_static), rows labelled as on the overview."""
    matrix = status_matrix(b)
    if matrix.empty:
        return None
    star = b.t("ov.assessment_mark")
    grid = matrix.assign(
        row=[(star + " " if a else "") + text(n) for a, n in zip(matrix["is_assessment"], matrix[b.name_col()])],
        col=pd.to_datetime(matrix["month"]).dt.strftime("%Y-%m"),
    )
    return figures_static.class_matrix_png(grid, b.lang)


def section_chart(doc, b: Briefing) -> None:
    png = matrix_image(b)
    if png is None:
        return
    _heading(doc, b.t("ov.matrix"), level=2)  # parts of 二、断面水质状况
    doc.add_picture(io.BytesIO(png), width=Mm(170))
    _para(doc, b.t("ov.matrix_caption"), italic=True, size=8.5)


def key_section_image(b: Briefing) -> tuple[str, bytes] | None:
    """The overview's key-section card over the year: the key section's class in each month from January
    to this month against its compensation threshold (compensation.key_section_rows: the rule with a
    fixed amount, F1); None without one."""
    ledger = b.q(
        "compensation_ledger",
        start=dt.date(b.month.year, 1, 1),
        end=b.month,
        town_id=None,
        **comp.ledger_params(b.today),
    )
    key = comp.key_section_rows(ledger)
    if key.empty or key["section_id"].nunique() != 1:
        return None
    title = b.t("brf.chart.key", section=text(key[f"section_{b.lang}"].iloc[0]), year=b.month.year)
    frame = pd.DataFrame({"col": pd.to_datetime(key["month"]).dt.strftime("%m"), "water_class": key["water_class"]})
    return title, figures_static.class_months_png(frame, int(key["threshold_class"].iloc[0]), b.lang)


def section_key_chart(doc, b: Briefing) -> None:
    image = key_section_image(b)
    if image is None:
        return
    title, png = image
    _heading(doc, title, level=2)
    doc.add_picture(io.BytesIO(png), width=Mm(160))
    _para(doc, b.t("brf.chart.key_note"), italic=True, size=8.5)


def miss_rows(b: Briefing) -> pd.DataFrame:
    """The overview's misses table: section, township, class, target class, main pollutants, over target."""
    m = misses(b)
    return pd.DataFrame(
        {
            "section": [text(v) for v in m[b.name_col()]],
            "town": [text(v) for v in m[f"town_{b.lang}"]],
            "water_class": [class_label(v, b.lang) for v in m["water_class"]],
            "target_class": [class_label(v, b.lang) for v in m["target_class"]],
            "main_pollutants": [labels.pollutants_short(v, b.lang) for v in m["main_pollutants"]],
            "exceed_target": [labels.pollutants_short(v, b.lang) for v in m["exceed_target"]],
        },
        columns=["section", "town", "water_class", "target_class", "main_pollutants", "exceed_target"],
    )


def source_rows(b: Briefing, candidates: pd.DataFrame) -> pd.DataFrame:
    """The tracing page's candidates table, shortened: rank, kind, name, parameter, evidence, score."""
    params = b.q("parameters_list")
    names = dict(zip(params["code"], params[b.name_col()]))
    return pd.DataFrame(
        {
            b.t("trc.col.rank"): [int(v) for v in candidates["rank"]],
            b.t("trc.col.kind"): [b.t(f"trc.kind.{k}") for k in candidates["kind"]],
            b.t("trc.col.name"): [text(v) for v in candidates["name"]],
            b.t("trc.col.parameter"): [text(names.get(p, p)) for p in candidates["parameter"]],
            b.t("trc.col.evidence"): [text(v) for v in candidates["evidence"]],
            b.t("trc.col.score"): [f"{float(v):.2f}" for v in candidates["score"]],
        }
    )


def section_misses(doc, b: Briefing) -> None:
    _heading(doc, b.t("ov.misses"), level=2)
    rows = miss_rows(b)
    if rows.empty:
        _para(doc, b.t("ov.no_misses"))
        return
    _table(doc, _localised(rows, b.lang), widths_mm=[34, 22, 20, 20, 42, 32])
    _heading(doc, b.t("brf.h.sources"), level=3)
    for section_id, name in zip(misses(b)["section_id"], rows["section"]):
        cands, message = likely_sources(b, section_id)
        p = doc.add_paragraph()
        p.add_run(text(name)).bold = True
        p.add_run(text(b.t("brf.miss.sep") + message))
        if not cands.empty:
            _table(doc, source_rows(b, cands), widths_mm=[10, 20, 36, 20, 70, 14], font_pt=8)
    _para(doc, b.t("brf.sources_note", n=TOP_SOURCES), italic=True, size=8.5)


def target_rows(b: Briefing) -> pd.DataFrame:
    """The targets page's table (bishui.views.plan_views.targets_table) for the targets missed or at risk."""
    towns = dict(zip(b.q("towns")["town_id"], b.q("towns")[b.name_col()]))
    table = pv.targets_table(target_status(b), towns, b.lang)
    return table[["tg_id", "tg_target", "town", "tg_current", "tg_goal", "tg_deadline", "tg_status", "tg_owner"]]


def section_targets(doc, b: Briefing) -> None:
    _table_part(
        doc,
        b,
        b.t("brf.h.targets"),
        target_rows(b),
        b.t("brf.no_targets"),
        [10, 44, 18, 18, 20, 20, 14, 26],
        b.t("brf.targets_note", date=b.as_of.isoformat()),
    )


def task_rows(b: Briefing) -> pd.DataFrame:
    """The targets page's task matrix (bishui.views.plan_views.task_matrix_table), the overdue tasks."""
    towns = dict(zip(b.q("towns")["town_id"], b.q("towns")[b.name_col()]))
    table = pv.task_matrix_table(overdue_tasks(b), towns, b.lang)
    out = table[["tk_no", "tk_task", "tk_responsible", "tk_lead", "tk_deadline", "tk_status", "tk_progress"]].copy()
    out["tk_progress"] = [f"{_num(v)}%" if not pd.isna(v) else "–" for v in out["tk_progress"]]
    return out


def section_tasks(doc, b: Briefing) -> None:
    _table_part(
        doc,
        b,
        b.t("brf.h.tasks"),
        task_rows(b),
        b.t("brf.no_tasks"),
        [12, 46, 36, 26, 20, 16, 14],
        b.t("tg.task_rule", date=b.as_of.isoformat()),
    )


def compensation_rows(b: Briefing) -> pd.DataFrame:
    """This month's rows of the ledger as the compensation page shows them (plan_views.ledger_table)."""
    this_month, _, _ = compensation(b)
    table = pv.ledger_table(this_month, b.lang)
    out = table[
        ["cp_rule", "section", "water_class", "cp_threshold", "cp_status", "cp_amount_cny", "cp_payer", "cp_payee"]
    ].copy()
    out["cp_amount_cny"] = [_num(v) for v in out["cp_amount_cny"]]
    return out


def section_compensation(doc, b: Briefing) -> None:
    _heading(doc, b.t("brf.h.compensation"))
    _, due_month, due_ytd = compensation(b)
    _para(doc, b.t("brf.comp", month=money(due_month, b.lang), ytd=money(due_ytd, b.lang), year=b.month.year))
    rows = compensation_rows(b)
    if not rows.empty:
        _table(doc, _localised(rows, b.lang), widths_mm=[12, 34, 20, 20, 14, 22, 24, 24])
    _para(doc, b.t("ov.card.comp_help"), italic=True, size=8.5)


SOURCE_ITEMS = (  # (column of overview_sources.sql, label key, decimals)
    ("open_outfalls", "ov.card.outfalls", 0),
    ("overdue_outfalls", "brf.src.overdue_outfalls", 0),
    ("open_direct_outfalls", "brf.src.direct_outfalls", 0),
    ("combined_pipe_km", "brf.src.combined_km", 2),
    ("combined_segments", "brf.src.combined_segments", 0),
    ("open_black_odorous_urban", "ov.card.black", 0),
    ("open_black_odorous_rural", "brf.src.black_rural", 0),
    ("open_blank_areas", "brf.src.blank_areas", 0),
)


def source_progress_rows(b: Briefing) -> pd.DataFrame:
    """The overview's source cards at this month's end and last month's, and the change."""
    now, before = sources(b), sources(b, b.prev_month)
    rows = []
    for col, key, digits in SOURCE_ITEMS:
        a, p = now[col], before[col]
        rows.append(
            {
                b.t("brf.col.item"): b.t(key),
                b.t("brf.col.now", month=month_label(b.month, b.lang)): _num(a, digits),
                b.t("brf.col.before", month=month_label(b.prev_month, b.lang)): _num(p, digits),
                b.t("brf.col.change"): f"{float(a) - float(p):+,.{digits}f}",
            }
        )
    return pd.DataFrame(rows)


def section_sources(doc, b: Briefing) -> None:
    _heading(doc, b.t("brf.h.sources_progress"))
    _table(doc, source_progress_rows(b), widths_mm=[70, 34, 34, 32])
    _para(doc, b.t("ov.card.black_help"), italic=True, size=8.5)


def meeting_parts(b: Briefing) -> tuple[pd.Series | None, list[str], pd.DataFrame]:
    """The last meeting recorded on or before b.as_of (bishui.db.meetings, as the targets page's "since"
    tab reads it), its decisions and its action items as the tab shows them (overdue as at b.as_of)."""
    last = meetings.last_meeting(b.as_of + dt.timedelta(days=1))
    if last is None:
        return None, [], meetings.actions_table(pd.DataFrame(), b.lang)
    acts = meetings.actions_table(meetings.actions(b.as_of, int(last["meeting_id"])), b.lang)
    return last, meetings.decisions_list(last), acts


def section_meeting(doc, b: Briefing) -> None:
    _heading(doc, b.t("brf.h.meeting"))
    last, decisions, acts = meeting_parts(b)
    if last is None:
        _para(doc, b.t("brf.meeting.none"))
        return
    _para(
        doc,
        b.t(
            "brf.meeting.held", held=pd.Timestamp(last["held_on"]).date().isoformat(), attendees=text(last["attendees"])
        ),
    )
    if not decisions:
        _para(doc, b.t("brf.meeting.no_decisions"))
    for n, d in enumerate(decisions, start=1):
        _para(doc, f"{n}. {text(d)}")
    _heading(doc, b.t("brf.meeting.actions", date=b.as_of.isoformat()), level=2)
    if acts.empty:
        _para(doc, b.t("brf.meeting.no_actions"))
        return
    _table(doc, _localised(acts, b.lang), widths_mm=[16, 74, 40, 22, 14])


Section = Callable[[Any, Briefing], None]
SECTIONS: tuple[Section, ...] = (
    section_title,
    section_summary,
    section_status,
    section_chart,
    section_misses,
    section_targets,
    section_tasks,
    section_compensation,
    section_key_chart,
    section_sources,
    section_meeting,
)


def document(
    month: dt.date,
    lang: str = "zh",
    town: str | None = None,
    today: dt.date | None = None,
    sections: tuple[Section, ...] = SECTIONS,
):
    """The briefing as a python-docx Document (build_briefing saves it)."""
    if lang not in i18n.LANGS:
        raise ValueError(f"unknown language {lang!r}")
    first = month.replace(day=1)
    b = Briefing(first, lang, town, today=today) if today else Briefing(first, lang, town)
    doc = Document()
    _setup_fonts(doc)
    _page_setup(doc, b)
    doc.core_properties.title = text(b.t("brf.title") + " " + month_label(b.month, lang))
    doc.core_properties.language = "zh-CN" if lang == "zh" else "en"
    for section in sections:
        section(doc, b)
    return doc


def build_briefing(month: dt.date, lang: str = "zh", town: str | None = None, today: dt.date | None = None) -> bytes:
    """The briefing document of a month (first day; any day of it is taken as its month) for the
    district (town None) or a township, in Chinese or English, as .docx bytes."""
    buf = io.BytesIO()
    document(month, lang, town, today).save(buf)
    return buf.getvalue()


def file_name(month: dt.date, lang: str, town: str | None = None) -> str:
    """briefing_2023-04[_t1]_zh.docx (the town id only if it is a plain identifier)."""
    safe_town = town if town and re.fullmatch(r"[A-Za-z0-9_-]{1,40}", town) else None
    return "_".join(["briefing", month.strftime("%Y-%m"), *([safe_town] if safe_town else []), lang]) + ".docx"


__all__ = ["SECTIONS", "Briefing", "build_briefing", "document", "file_name", "MIME"]


PDF_TIMEOUT_S = 180


class PdfUnavailable(RuntimeError):
    """LibreOffice (soffice) is not installed or could not convert the document."""


def to_pdf(docx: bytes, timeout_s: float = PDF_TIMEOUT_S) -> bytes:
    """The same document as PDF, converted by LibreOffice headless (Debian: libreoffice-writer-nogui,
    installed by tests/run.sh) in a scratch folder with its own profile, so conversions never share
    state or wait on a desktop instance; bounded in time."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfUnavailable("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="bishui-pdf-") as tmp:
        src = Path(tmp) / "briefing.docx"
        src.write_bytes(docx)
        try:
            done = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(src),
                ],
                capture_output=True,
                text=True,
                timeout=timeout_s,
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfUnavailable(f"LibreOffice took longer than {timeout_s:.0f} s") from exc
        out = Path(tmp) / "briefing.pdf"
        if done.returncode != 0 or not out.exists():
            raise PdfUnavailable(f"LibreOffice failed: {(done.stderr or done.stdout).strip()[:200]}")
        return out.read_bytes()
