"""The briefing document (issue 14 item 2): read back with python-docx, every number in its tables and
summary equals the queries the pages use, for two months of the fixture warehouse; the CLI round trip
and its one-line errors; warehouse strings are plain text; A4, page-number fields, CJK fonts."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import duckdb
import pandas as pd
import pytest
from docx.shared import Mm

from bishui.reports import briefing
from bishui.rules import labels
from bishui import clock, i18n
from bishui.reports import compensation as comp
from bishui.rules import targets
from bishui.db import store, tracing_data
from bishui.views import plan_views as pv

ROOT = Path(__file__).resolve().parents[1]
FEB, APR = dt.date(2023, 2, 1), dt.date(2023, 4, 1)
TODAY = dt.date(2026, 12, 1)  # after both months: targets and tasks are assessed at the month end
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def docs(fixture_db):
    """(month, lang) -> the briefing read back, built once per module on the fixture warehouse."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BISHUI_DB", str(fixture_db))
        out = {}
        for month, lang in ((FEB, "zh"), (APR, "zh"), (APR, "en")):
            data = briefing.build_briefing(month, lang, today=TODAY)
            out[(month, lang)] = (docx.Document(io.BytesIO(data)), data)
        yield out


@pytest.fixture
def on_fixture(fixture_db, use_db):
    return use_db(fixture_db)


def _table(document, *header_keys: str, lang: str = "zh"):
    """The table whose header row is the given column labels (col.* keys or literal labels)."""
    want = [i18n.column_label(k, lang) if i18n.has(f"col.{k}") else k for k in header_keys]
    for t in document.tables:
        if [c.text for c in t.rows[0].cells][: len(want)] == want:
            return [[c.text for c in r.cells] for r in t.rows[1:]]
    raise AssertionError(f"no table with header {want}")


def _paragraph_after(document, heading: str) -> str:
    paras = document.paragraphs
    for i, p in enumerate(paras):
        if p.text == heading:
            return paras[i + 1].text
    raise AssertionError(f"no heading {heading!r}")


def _numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def _multiples(coded) -> list[float]:
    """The multiples of a coded list that are shown (one that rounds to 0.0 is left out of the cell)."""
    return [m for _, m in labels.parse_coded(coded) if labels.multiple_text(m)]


@pytest.mark.parametrize("month", [FEB, APR])
def test_summary_says_the_overview_figures_in_words(docs, on_fixture, month):
    document, _ = docs[(month, "zh")]
    summary = _paragraph_after(document, i18n.t("brf.h.summary", "zh"))
    att = store.query("overview_attainment", month=month, town_id=None, now=clock.today()).iloc[0]
    assert f"{int(att.n_sections)}个考核断面中{int(att.n_attained)}个达到水质目标" in summary
    ledger = store.query(
        "compensation_ledger", start=dt.date(2023, 1, 1), end=month, town_id=None, **comp.ledger_params()
    )
    due = ledger[pd.to_datetime(ledger["month"]).dt.date == month]["amount_cny"].sum()
    assert f"本月应缴生态补偿金{due / 1e4:,.1f} 万元，年度累计{ledger['amount_cny'].sum() / 1e4:,.1f} 万元" in summary
    n_misses = len(store.query("section_month_misses", month=month, town_id=None))
    assert f"本月共有{n_misses}个断面未达到目标类别" in summary
    tasks = store.query("task_matrix", as_of=pv.month_end(month), town_id=None, units=[])
    assert f"逾期未完成重点任务{int(tasks['is_overdue'].sum())}项" in summary
    src = store.query("overview_sources", month=month, town_id=None).iloc[0]
    assert f"未销号排污口{int(src.open_outfalls)}个（其中逾期整治{int(src.overdue_outfalls)}个）" in summary
    assert f"未销号城市黑臭水体{int(src.open_black_odorous_urban)}个" in summary


def test_summary_figures_by_hand(docs):
    """The fixture's figures, worked out by hand: February both assessment sections missed (Ⅴ vs Ⅳ,
    Ⅳ vs Ⅲ; 850,000 + 100,000 CNY due); April one of two met, 850,000 due, 1,800,000 so far."""
    feb = _paragraph_after(docs[(FEB, "zh")][0], i18n.t("brf.h.summary", "zh"))
    apr = _paragraph_after(docs[(APR, "zh")][0], i18n.t("brf.h.summary", "zh"))
    assert "2个考核断面中0个达到水质目标" in feb and "95.0 万元，年度累计95.0 万元" in feb
    assert "2个考核断面中1个达到水质目标" in apr and "85.0 万元，年度累计180.0 万元" in apr
    en = _paragraph_after(docs[(APR, "en")][0], i18n.t("brf.h.summary", "en"))
    assert "1 of the 2 assessment sections met" in en and "CNY 850,000; year to date: CNY 1,800,000" in en


@pytest.mark.parametrize("month", [FEB, APR])
def test_status_table_equals_the_matrix_query(docs, on_fixture, month):
    document, _ = docs[(month, "zh")]
    rows = _table(document, "section", "target_class", "water_class", "brf_attained", "main_pollutants", "brf_change")
    matrix = store.query("section_status_matrix", month=month, town_id=None, now=clock.today())
    m = pd.to_datetime(matrix["month"]).dt.date
    now = matrix[m == month].reset_index(drop=True)
    prev = matrix[m == (pd.Timestamp(month) - pd.DateOffset(months=1)).date()].set_index("section_id")
    assert len(rows) == len(now) == 3
    for row, r in zip(rows, now.to_dict("records")):
        assert row[0].removeprefix("★ ") == r["name_zh"] and row[0].startswith("★") == bool(r["is_assessment"])
        assert row[1] == i18n.t(f"class.{int(r['target_class'])}", "zh")
        assert row[2] == (
            i18n.t("class.none", "zh") if pd.isna(r["water_class"]) else i18n.t(f"class.{int(r['water_class'])}", "zh")
        )
        expected = "无数据" if pd.isna(r["is_attained"]) else ("达标" if r["is_attained"] else "未达标")
        assert row[3] == expected
        # every multiple in the cell is the query's, in order
        assert _numbers(row[4]) == _multiples(r["main_pollutants"])
        before = prev.loc[r["section_id"], "water_class"]
        if pd.isna(before) or pd.isna(r["water_class"]):
            assert row[5] == "–"
        else:
            word = "持平" if before == r["water_class"] else ("好转" if r["water_class"] < before else "变差")
            assert row[5].startswith(word)


def test_status_table_by_hand(docs):
    """February: 一号桥 Ⅴ (target Ⅳ) got worse from Ⅲ, NH3-N 0.8, TP 0.2, CODMn 0.2 over Ⅲ."""
    rows = _table(docs[(FEB, "zh")][0], "section", "target_class", "water_class")
    first = rows[0]
    assert first[:4] == ["★ 测试河一号桥", "Ⅳ类", "Ⅴ类", "未达标"]
    assert first[4] == "氨氮 0.8、总磷 0.2、高锰酸盐指数 0.2" and first[5] == "变差（Ⅲ→Ⅴ）"


@pytest.mark.parametrize("month", [FEB, APR])
def test_misses_and_their_likely_sources_equal_the_queries(docs, on_fixture, month):
    document, _ = docs[(month, "zh")]
    rows = _table(document, "section", "town", "water_class", "target_class", "main_pollutants", "exceed_target")
    misses = store.query("section_month_misses", month=month, town_id=None)
    assert [r[0] for r in rows] == list(misses["name_zh"])
    for row, r in zip(rows, misses.to_dict("records")):
        assert row[2] == i18n.t(f"class.{int(r['water_class'])}", "zh")
        assert row[3] == i18n.t(f"class.{int(r['target_class'])}", "zh")
        assert _numbers(row[4]) == _multiples(r["main_pollutants"])
        assert _numbers(row[5]) == _multiples(r["exceed_target"])
    # the likely sources: the tracing's top candidates of each miss, in rank order, with their scores
    source_tables = [t for t in document.tables if t.rows[0].cells[0].text == i18n.t("trc.col.rank", "zh")]
    assert len(source_tables) == len(misses) >= 1
    for table, section_id in zip(source_tables, misses["section_id"]):
        cands = tracing_data.trace(section_id, month, None, "zh").candidates.head(briefing.TOP_SOURCES)
        got = [[c.text for c in r.cells] for r in table.rows[1:]]
        assert [g[2] for g in got] == list(cands["name"])
        assert [float(g[5]) for g in got] == [round(float(s), 2) for s in cands["score"]]
        assert [g[4] for g in got] == list(cands["evidence"])


@pytest.mark.parametrize("month", [FEB, APR])
def test_targets_tasks_compensation_and_sources_equal_the_queries(docs, on_fixture, month):
    document, _ = docs[(month, "zh")]
    as_of = pv.month_end(month)
    # targets at risk or missed: the targets page's status table as at the month end
    all_targets = store.query("targets_list")
    start, end = pv.measures_window(2023, as_of)
    status = targets.status_table(
        all_targets[all_targets["year"] == 2023],
        store.query("target_measures", year=2023, start=start, end=end, town_id=None, now=clock.today()),
        as_of,
    )
    want = status[status["status"].isin(["missed", "at_risk"])]
    rows = _table(document, "tg_id", "tg_target")
    assert sorted((r[0], r[6]) for r in rows) == sorted(
        (t, i18n.t(f"tg.status.{s}", "zh")) for t, s in zip(want["target_id"], want["status"])
    )
    assert len(rows) >= 1
    # overdue tasks with responsible units and deadlines
    tasks = store.query("task_matrix", as_of=as_of, town_id=None, units=[])
    overdue = tasks[tasks["is_overdue"].astype(bool)]
    if overdue.empty:  # February: task 4 is due at the end of March
        assert i18n.t("brf.no_tasks", "zh") in [p.text for p in document.paragraphs]
    rows = _table(document, "tk_no", "tk_task", "tk_responsible") if len(overdue) else []
    assert [(int(r[0]), r[2], r[4]) for r in rows] == [
        (int(t.task_no), t.responsible_units.replace(";", "、"), pd.Timestamp(t.deadline).strftime("%Y-%m-%d"))
        for t in overdue.itertuples()
    ]
    # compensation: this month's ledger rows and amounts
    ledger = store.query(
        "compensation_ledger", start=dt.date(2023, 1, 1), end=month, town_id=None, **comp.ledger_params()
    )
    this = ledger[pd.to_datetime(ledger["month"]).dt.date == month]
    rows = _table(document, "cp_rule", "section")
    assert [(r[0], r[1], float(r[5].replace(",", ""))) for r in rows] == [
        (r.rule_id, r.section_zh, float(r.amount_cny)) for r in this.itertuples()
    ]
    # outfalls and black-odorous bodies at this and last month's end
    now = store.query("overview_sources", month=month, town_id=None).iloc[0]
    prev = store.query(
        "overview_sources", month=(pd.Timestamp(month) - pd.DateOffset(months=1)).date(), town_id=None
    ).iloc[0]
    rows = {r[0]: r[1:] for r in _table(document, i18n.t("brf.col.item", "zh"))}
    for col, key, digits in briefing.SOURCE_ITEMS:
        got = rows[i18n.t(key, "zh")]
        assert float(got[0]) == round(float(now[col]), digits) and float(got[1]) == round(float(prev[col]), digits)
        assert float(got[2]) == round(float(now[col]) - float(prev[col]), digits)


def test_english_document_tables(docs):
    document, _ = docs[(APR, "en")]
    rows = _table(document, "section", "target_class", "water_class", lang="en")
    assert rows[0][:4] == ["★ Bridge One", "Class Ⅳ", "Worse than Ⅴ", "Missed"]
    assert not any(
        re.search(r"[\u4e00-\u9fff]", p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    )


def test_layout_a4_page_numbers_chart_and_cjk_fonts(docs):
    document, data = docs[(APR, "zh")]
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    instr = [f.get(f"{W}instr") for f in section.footer._element.iter(f"{W}fldSimple")]
    assert instr == ["PAGE", "NUMPAGES"]
    assert len(document.inline_shapes) >= 1
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert media and z.read(media[0])[:8] == b"\x89PNG\r\n\x1a\n"
        styles, fonts = z.read("word/styles.xml").decode(), z.read("word/fontTable.xml").decode()
    assert 'w:eastAsia="Noto Sans CJK SC"' in styles and "eastAsiaTheme" not in styles
    assert re.search(r'w:name="Noto Sans CJK SC".*?w:altName w:val="SimSun"', fonts, re.S)


def test_warehouse_strings_are_plain_text(db):
    """A hostile section name is written literally: no field, hyperlink or formula comes from data, and a
    control character XML cannot hold is dropped instead of breaking the document."""
    hostile = '=HYPERLINK("http://x")<a href="y">z</a> {PAGE} $\\frac{$'  # bad mathtext too
    con = duckdb.connect(str(db))
    con.execute("UPDATE sections SET name_zh = ? WHERE section_id = 's_f1'", [hostile + "\x07"])
    con.close()
    store.close_readers()
    data = briefing.build_briefing(APR, "zh", today=TODAY)
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "★ " + hostile in cells and hostile in cells
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    assert "w:hyperlink" not in body and "w:fldSimple" not in body and "w:instrText" not in body
    assert "&lt;a href=" in body and "\x07" not in body


def test_town_briefing_keeps_to_the_town(docs, on_fixture):
    data = briefing.build_briefing(APR, "zh", town="t2", today=TODAY)
    document = docx.Document(io.BytesIO(data))
    rows = _table(document, "section", "target_class", "water_class")
    assert [r[0] for r in rows] == ["★ 测试河二号闸", "测试水库"]
    assert "乙镇" in document.paragraphs[1].text


def _cli(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bishui", "briefing", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "BISHUI_DB": str(db)},
        timeout=180,
    )


def test_cli_round_trip(fixture_db, tmp_path):
    db = shutil.copyfile(fixture_db, tmp_path / "w.duckdb")
    out = tmp_path / "b.docx"
    r = _cli("--month", "2023-04", "--lang", "en", "-o", str(out), db=db)
    assert r.returncode == 0, r.stderr
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Water quality briefing"
    assert "1 of the 2 assessment sections met" in _paragraph_after(document, i18n.t("brf.h.summary", "en"))
    # a week is briefed as the month of its Sunday: 2023-W13 ends on Sunday 2 April
    r = _cli("--week", "2023-W13", "-o", str(tmp_path / "w.docx"), db=db)
    assert r.returncode == 0 and "2023-04" in r.stderr, r.stderr
    assert "2023年4月" in docx.Document(str(tmp_path / "w.docx")).paragraphs[1].text


def test_pdf_is_the_same_document_on_a4_pages(fixture_db, tmp_path):
    """--pdf: LibreOffice (installed by tests/run.sh) turns the document into PDF; pdftoppm draws its
    pages and pdftotext reads back the title, the summary's figures and the page numbers in Chinese
    (the CJK font is embedded, not boxes)."""
    db = shutil.copyfile(fixture_db, tmp_path / "w.duckdb")
    out = tmp_path / "b.docx"
    r = _cli("--month", "2023-04", "--pdf", "-o", str(out), db=db)
    assert r.returncode == 0, r.stderr
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    summary = _paragraph_after(docx.Document(str(out)), i18n.t("brf.h.summary", "zh"))
    assert "水环境质量调度通报" in words and "第 1 页" in words
    assert summary[:12] in words.replace("\n", "").replace(" ", "")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", size), size


@pytest.mark.parametrize(
    "args, words",
    [
        (["--month", "2023-13"], "YYYY-MM"),
        (["--month", "2030-01"], "2030-01"),
        (["--week", "2023-W60"], "YYYY-Www"),
        (["--month", "2023-04", "--town", "nowhere"], "nowhere"),
    ],
)
def test_cli_bad_input_is_one_line(fixture_db, tmp_path, args, words):
    db = shutil.copyfile(fixture_db, tmp_path / "w.duckdb")
    r = _cli(*args, "--lang", "en", "-o", str(tmp_path / "x.docx"), db=db)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in r.stderr
    assert not (tmp_path / "x.docx").exists()


def test_overview_has_the_briefing_button(fixture_db, use_db):
    from tests.apptest_helpers import app

    use_db(fixture_db)
    at = app({"month": "2023-04"})
    labels_ = [e.proto.label for e in at.get("download_button")]
    assert i18n.t("brf.download", "zh") in labels_
    at = app({"month": "2023-04", "lang": "en"})
    assert i18n.t("brf.download", "en") in [e.proto.label for e in at.get("download_button")]
    # the shared screen of the meeting shows no download buttons
    at = app({"month": "2023-04", "present": "1"})
    assert not at.exception
    assert i18n.t("brf.download", "zh") not in [e.proto.label for e in at.get("download_button")]


def test_status_table_is_capped_as_the_overview(docs, on_fixture, monkeypatch):
    """More sections than the overview's matrix shows: the same ones (figures.matrix_focus), and a note."""
    monkeypatch.setattr(briefing, "MATRIX_MAX_ROWS", 2)
    document = docx.Document(io.BytesIO(briefing.build_briefing(APR, "zh", today=TODAY)))
    rows = _table(document, "section", "target_class", "water_class")
    assert [r[0] for r in rows] == ["★ 测试河一号桥", "★ 测试河二号闸"]
    assert i18n.t("ov.matrix_capped", "zh", n=2, total=3) in [p.text for p in document.paragraphs]


def test_key_section_chart_draws_the_ledger_rows(on_fixture, monkeypatch):
    """The second chart: the F1 section's class in each month of the year against its threshold, from the
    ledger rows the overview's key-section card reads."""
    from bishui.views import figures_static

    seen = {}
    real = figures_static.class_months_png

    def spy(frame, threshold, lang, **kw):
        seen.update(frame=frame.copy(), threshold=threshold)
        return real(frame, threshold, lang, **kw)

    monkeypatch.setattr(figures_static, "class_months_png", spy)
    document = docx.Document(io.BytesIO(briefing.build_briefing(APR, "zh", today=TODAY)))
    ledger = store.query(
        "compensation_ledger", start=dt.date(2023, 1, 1), end=APR, town_id=None, **comp.ledger_params()
    )
    f1 = ledger[ledger["rule_id"] == "F1"].sort_values("month")
    assert list(seen["frame"]["col"]) == ["01", "02", "03", "04"]
    assert (
        [None if pd.isna(v) else int(v) for v in seen["frame"]["water_class"]]
        == [None if pd.isna(v) else int(v) for v in f1["water_class"]]
        == [3, 5, None, 6]
    )
    assert seen["threshold"] == int(f1["threshold_class"].iloc[0]) == 4
    assert i18n.t("brf.chart.key", "zh", section="测试河一号桥", year=2023) in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 2
