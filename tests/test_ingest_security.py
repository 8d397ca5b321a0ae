"""Hostile files and what the app writes back (issue 16 items 1, 2, 3, 9; issue 10 items 16, 17):
formula injection is neutralised in every file the app or the CLI writes, downloads open ready to
read, oversized or pathological uploads are refused quickly by a limited child process, and a killed
writer's leftovers are cleaned up. Every file is made here, at test time, and is small."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from bishui.app import data_page as dp
from bishui.views import export
from bishui import ingest

HOSTILE = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("https://evil.example","x")',
    "+1+1",
    "@SUM(1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


def _quoted(text: str) -> bool:
    return text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r")


def _bare_formula_line(text: str) -> bool:
    """A line (record) of a CSV text that starts with a formula character."""
    return re.search(r"(?:^|\n)[=+\-@]", text) is not None


def _no_formulas(xlsx: bytes) -> None:
    """No sheet of the workbook holds a formula cell."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml and 't="str"' not in xml, name


def _rivers_csv() -> bytes:
    rows = ["河流编号,河流名称,英文名称"]
    for i, name in enumerate(HOSTILE):
        clean = name.replace('"', '""')
        rows.append(f'evil{i},"{clean}","{clean}"')
    return ("\n".join(rows) + "\n").encode("utf-8")


# ---- 16.3 formula injection -------------------------------------------------------------------------
def test_safe_text_rule():
    for text in HOSTILE:
        assert export.safe_text(text) == "'" + text
    for text in ["-0.5", "+3", "-12", "1e-3", "-.5", "ok", "a=b", "", "2024-01-01"]:
        assert export.safe_text(text) == text
    assert export.safe_text(-1.5) == -1.5 and export.safe_text(None) is None


def test_csv_download_neutralises_text_and_keeps_numbers():
    df = pd.DataFrame({"名称": HOSTILE + ["-0.5"], "数值": [-1.5] * (len(HOSTILE) + 1)})
    data = export.csv_bytes(df)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back["名称"].tolist() == ["'" + t for t in HOSTILE] + ["-0.5"]
    assert back["数值"].tolist() == ["-1.5"] * (len(HOSTILE) + 1)
    assert not _bare_formula_line(data.decode("utf-8-sig"))


def test_xlsx_download_writes_text_never_formulas():
    df = pd.DataFrame({"名称": HOSTILE, "数值": [-1.5] * len(HOSTILE)})
    data = export.xlsx_bytes(df)
    _no_formulas(data)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    # a CR comes back as LF through the standard library's XML parser, as CR through lxml's
    values = [(c.value.replace("\r", "\n"), c.data_type, c.quotePrefix) for c in ws["A"][1:]]
    assert values == [(t.replace("\r", "\n"), "s", True) for t in HOSTILE]
    assert [c.value for c in ws["B"][1:]] == [-1.5] * len(HOSTILE)
    assert all(c.data_type == "n" for c in ws["B"][1:])


def test_data_page_table_downloads_are_safe_and_import_back(db):
    plan = ingest.prepare(("rivers.csv", _rivers_csv()), kind="rivers")
    assert plan.ok, plan.problems
    assert ingest.apply(plan).imported
    data = dp.table_csv("rivers")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    evil = frame[frame.iloc[:, 0].str.startswith("evil")]
    assert len(evil) == len(HOSTILE)
    assert all(_quoted(v) for v in evil.iloc[:, 1])
    # the apostrophe is the download's: importing the file back finds every row unchanged
    again = ingest.prepare(("rivers_back.csv", data), kind="rivers")
    assert again.n_new == 0 and again.n_conflicts == 0, again.conflicts
    xlsx = dp.table_xlsx("rivers")
    _no_formulas(xlsx)
    again = ingest.prepare(("rivers_back.xlsx", xlsx), kind="rivers")
    assert again.n_new == 0 and again.n_conflicts == 0, again.conflicts


def test_rejected_file_is_safe(db, tmp_path):
    head = "断面名称,采样日期,监测项目,监测值,单位\n"
    body = "测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n" + "".join(
        f'"{t.replace(chr(34), chr(34) * 2)}",2026-01-10,氨氮,0.5,mg/L\n' for t in HOSTILE
    )
    path = tmp_path / "jan.csv"
    path.write_text(head + body, encoding="utf-8")
    result = ingest.apply(ingest.prepare(path), skip_invalid=True)
    assert result.imported and result.rows_rejected == len(HOSTILE)
    for data in (result.rejected_csv, result.rejected_path.read_bytes()):
        rows = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert sorted(rows.iloc[:, 0]) == sorted("'" + t.strip() for t in HOSTILE)  # cells are read stripped
        assert not _bare_formula_line(data.decode("utf-8-sig"))


def test_evaluate_output_is_safe(tmp_path):
    from bishui.tools import evaluate_file

    src = tmp_path / "in.csv"
    src.write_text(
        "section_id,water_body_type,target_class,sampled_on,parameter,value\n"
        '"=HYPERLINK(""x"")",river,3,2024-01-10,nh3n,0.5\n'
        "+1+1,river,3,2024-01-10,nh3n,0.5\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert evaluate_file.main(src, "month", out) == 0
    text = out.read_text(encoding="utf-8")
    assert '\'=HYPERLINK(""x"")' in text and "\n'+1+1," in text
    assert not re.search(r"^[=+@]", text, re.M)


def test_templates_hold_no_formulas():
    for kind in dp.KINDS:
        for lang in ("zh", "en"):
            _no_formulas(ingest.template(kind, lang, "xlsx"))
            assert not _bare_formula_line(ingest.template(kind, lang, "csv").decode("utf-8-sig"))


# ---- 10.16 xlsx ready to read --------------------------------------------------------------------
def test_xlsx_title_frozen_header_widths_and_formats():
    df = pd.DataFrame(
        {
            "断面名称": ["测试河一号桥", "b"],
            "氨氮 (mg/L)": [0.512, 1.25],
            "年份": [2024, 2025],
            "采样日期": pd.to_datetime(["2024-01-10", "2024-02-10"]),
        }
    )
    data = export.xlsx_bytes(df, sheet_name="sections", title="碧水 · 断面 · 数据更新于 2024-03-01")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value == "碧水 · 断面 · 数据更新于 2024-03-01" and ws["A1"].font.bold
    assert [c.value for c in ws[2]] == list(df.columns) and all(c.font.bold for c in ws[2])
    assert ws.freeze_panes == "A3"
    assert ws.column_dimensions["A"].width >= 14  # 6 CJK characters
    assert ws["B3"].number_format == "0.000" and ws["B3"].value == 0.512
    assert ws["C3"].number_format == "0" and ws["C3"].value == 2024
    assert ws["D3"].number_format == "yyyy-mm-dd" and ws["D3"].value.year == 2024
    back = pd.read_excel(io.BytesIO(data), header=1, engine="openpyxl")
    assert back["断面名称"].tolist() == ["测试河一号桥", "b"]
    plain = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(df))).active
    assert plain.freeze_panes == "A2" and plain["A1"].value == "断面名称"


def test_table_xlsx_has_a_title_row(db):
    ws = openpyxl.load_workbook(io.BytesIO(dp.table_xlsx("sections", title="碧水 · sections"))).active
    assert ws["A1"].value == "碧水 · sections" and ws.freeze_panes == "A3"


# ---- 16.9 leftovers of a killed writer --------------------------------------------------------------
def _dead_pid() -> int:
    import subprocess

    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def test_a_write_removes_a_killed_writers_copies_but_not_a_live_ones(db):
    import subprocess

    legacy = db.with_name(db.name + ".tmpab12cd34")  # the names before this change
    dead = db.with_name(f"{db.name}.tmp.{_dead_pid()}.xyz")
    stale = [legacy, legacy.with_name(legacy.name + ".wal"), dead, dead.with_name(dead.name + ".wal")]
    for p in stale:
        p.write_bytes(b"\0" * 1024)
    live = subprocess.Popen(["sleep", "60"])
    try:
        mine = db.with_name(f"{db.name}.tmp.{live.pid}.abc")  # another process still writing
        mine.write_bytes(b"\0" * 10)
        other = db.with_name("other.duckdb.tmp.1.x")  # another warehouse's
        other.write_bytes(b"x")
        ingest.apply(
            ingest.prepare(
                ("jan.csv", "断面名称,采样日期,监测项目,监测值,单位\n测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n".encode())
            )
        )
        assert not any(p.exists() for p in stale)
        assert mine.exists() and other.exists()
        assert sorted(p.name for p in db.parent.iterdir() if ".tmp" in p.name) == sorted([mine.name, other.name])
    finally:
        live.kill()
        live.wait()


def test_a_writer_in_progress_keeps_its_copy(db):
    """A second writer waits for the lock; the first one's copy is never touched and both commit."""
    import threading

    from bishui.db import store

    inside, release, errors = threading.Event(), threading.Event(), []

    def first():
        try:
            with store.write_transaction(db) as con:
                con.execute("CREATE TABLE t1 AS SELECT 1 AS x")
                inside.set()
                release.wait(30)
                assert any(".tmp" in p.name for p in db.parent.iterdir())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    t = threading.Thread(target=first)
    t.start()
    assert inside.wait(30)
    done = threading.Event()

    def run_second():
        with store.write_transaction(db) as con:
            con.execute("CREATE TABLE t2 AS SELECT 2 AS x")
        done.set()

    second = threading.Thread(target=run_second)
    second.start()
    assert not done.wait(1.0)  # waits for the lock
    release.set()
    t.join(30)
    second.join(30)
    assert done.is_set() and not errors
    with store.read_connection(db) as con:
        assert con.execute("SELECT (SELECT x FROM t1) + (SELECT x FROM t2)").fetchone()[0] == 3
    assert not [p for p in db.parent.iterdir() if ".tmp" in p.name]


# ---- 16.1 / 16.2 hostile and costly files ----------------------------------------------------------------
def tiny_xlsx(cells: dict[str, str], dimension: str | None = None, pad: int = 0) -> bytes:
    """A minimal .xlsx (one sheet named 'data') with inline-string cells {ref: text}; pad adds that many
    spaces of blank text to the sheet XML (compresses ~1000:1)."""
    rows: dict[int, list[str]] = {}
    for ref, text in cells.items():
        rows.setdefault(int(re.sub(r"[A-Z]", "", ref)), []).append(
            f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
        )
    if pad:
        rows.setdefault(3, []).append(f'<c r="A3" t="inlineStr"><is><t xml:space="preserve">{" " * pad}</t></is></c>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in sorted(rows.items()))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", f"<worksheet {ns}>{dim}<sheetData>{body}</sheetData></worksheet>")
    return buf.getvalue()


HEAD = {
    "A1": "断面名称",
    "B1": "采样日期",
    "C1": "监测项目",
    "D1": "监测值",
    "E1": "单位",
    "A2": "测试河一号桥",
    "B2": "2026-01-10",
    "C2": "氨氮",
    "D2": "0.5",
    "E2": "mg/L",
}


def _codes(plan) -> set[str]:
    return set(plan.problems["code"])


def test_tiny_xlsx_reads(db):
    plan = ingest.prepare(("ok.xlsx", tiny_xlsx(HEAD)))
    assert plan.kind == "readings" and plan.n_valid == 1, plan.problems


@pytest.mark.parametrize("corner,code", [("XFD1048576", "limit_sheet_columns"), ("Z1048576", "limit_sheet_cells")])
def test_absurd_sheet_range_is_refused_before_reading(db, corner, code):
    import time

    data = tiny_xlsx({**HEAD, corner: "x"})
    assert len(data) < 2_000
    for lang in ("zh", "en"):
        started = time.monotonic()
        plan = ingest.prepare(("bomb.xlsx", data), lang=lang)
        assert time.monotonic() - started < 2
        assert plan.fatal and code in _codes(plan)
        assert corner in plan.problems["reason"].iloc[0] and "data" in plan.problems["reason"].iloc[0]
    # a declared <dimension> alone is enough
    plan = ingest.prepare(("dim.xlsx", tiny_xlsx(HEAD, dimension=f"A1:{corner}")))
    assert plan.fatal and code in _codes(plan)


def test_a_reader_that_aborts_only_fails_its_own_check(db):
    """Without the pre-check the Excel reader aborts (SIGABRT, 512 GB): in the child only."""
    import time

    data = tiny_xlsx({**HEAD, "XFD1048576": "x"})
    no_precheck = ingest.Limits(max_columns=None, max_cells=None, memory_mb=2_000)
    started = time.monotonic()
    plan = ingest.prepare_isolated(("bomb.xlsx", data), lang="en", limits=no_precheck)
    assert time.monotonic() - started < 30
    assert plan.fatal and _codes(plan) == {"limit_memory"}, plan.problems["reason"].tolist()
    assert "more memory than allowed" in plan.problems["reason"].iloc[0]
    # and the server process goes on: the next file is prepared normally
    assert ingest.prepare_isolated(("ok.xlsx", tiny_xlsx(HEAD))).n_valid == 1


def test_zip_bomb_of_blank_text_is_refused(db):
    data = tiny_xlsx(HEAD, pad=30_000_000)
    assert len(data) < 200_000
    plan = ingest.prepare(("blank.xlsx", data), limits=ingest.Limits(max_unzipped_mb=10))
    assert plan.fatal and _codes(plan) == {"limit_unzipped"}


def test_csv_with_100000_columns_is_refused_quickly(db):
    import time

    data = ("断面名称,采样日期,监测项目,监测值" + ",x" * 100_000 + "\n").encode()
    started = time.monotonic()
    plan = ingest.prepare(("wide.csv", data))
    assert time.monotonic() - started < 2
    assert plan.fatal and _codes(plan) == {"limit_columns"}


def test_row_cap(db):
    line = "测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n"
    data = ("断面名称,采样日期,监测项目,监测值,单位\n" + line * 300).encode()
    plan = ingest.prepare(("many.csv", data), limits=ingest.Limits(max_rows=100))
    assert plan.fatal and _codes(plan) == {"limit_rows"}
    assert not ingest.prepare(("many.csv", data), limits=ingest.Limits(max_rows=1000)).fatal


def test_duplicate_rows_list_capped_problems_and_reject_every_one(db):
    import time

    line = "测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n"
    data = ("断面名称,采样日期,监测项目,监测值,单位\n" + line * 3000).encode()
    started = time.monotonic()
    plan = ingest.prepare(("dup.csv", data), lang="en", limits=ingest.Limits(max_problems=50))
    assert time.monotonic() - started < 15
    assert plan.n_rejected == 2999 and plan.n_valid == 1
    assert (plan.problems["code"] == "duplicate").sum() == 50
    capped = plan.problems[plan.problems["code"] == "problems_capped"]
    assert len(capped) == 1 and "50 of 2999" in capped["reason"].iloc[0] and not plan.fatal


def test_preparing_has_a_time_limit(db):
    data = ("断面名称,采样日期,监测项目,监测值,单位\n测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n").encode()
    plan = ingest.prepare_isolated(("slow.csv", data), lang="zh", limits=ingest.Limits(time_limit_s=0.01))
    assert plan.fatal and _codes(plan) == {"limit_time"} and "0.01 秒" in plan.problems["reason"].iloc[0]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


class _SessionGone(BaseException):
    """Stands in for Streamlit's StopException (a BaseException raised at the next st.* call)."""


@pytest.mark.parametrize("how", ["should_stop", "progress_raises"])
def test_the_child_is_killed_when_its_session_ends(db, how):
    import time

    from bishui.ingest import isolated, limits

    line = "测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n"
    data = ("断面名称,采样日期,监测项目,监测值,单位\n" + line * 50_000).encode()
    seen: list[int] = []

    def progress(_f, _m):
        seen.extend(isolated.live_children())
        if how == "progress_raises" and seen:
            raise _SessionGone()

    stop = (lambda: bool(seen)) if how == "should_stop" else None
    expected = limits.Cancelled if how == "should_stop" else _SessionGone
    with pytest.raises(expected):
        ingest.prepare_isolated(("big.csv", data), progress=progress, should_stop=stop, poll_s=0.05)
    assert seen
    deadline = time.monotonic() + 5
    while _running(seen[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(seen[0])
    assert not isolated.live_children()


def test_cli_has_the_caps_and_a_flag_to_lift_them(db, tmp_path, capsys):
    from bishui.tools import cli

    path = tmp_path / "many.csv"
    line = "测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n"
    path.write_text(
        "断面名称,采样日期,监测项目,监测值,单位\n" + line + "测试河一号桥,2026-01-11,氨氮,0.62,mg/L\n", encoding="utf-8"
    )
    assert cli.main(["import", str(path), "--dry-run", "--max-rows", "1", "--lang", "en"]) == 1
    assert "more than the limit of 1" in capsys.readouterr().out
    assert cli.main(["import", str(path), "--dry-run", "--max-rows", "1", "--no-limits"]) == 1  # flag order: caps win
    assert cli.main(["import", str(path), "--dry-run", "--no-limits"]) == 0
    wide = tmp_path / "wide.csv"
    wide.write_text("断面名称,采样日期,监测项目,监测值" + ",x" * 2000 + "\n", encoding="utf-8")
    assert cli.main(["import", str(wide), "--dry-run", "--lang", "en"]) == 1
    assert "more than the limit of 1000" in capsys.readouterr().out


# ---- 10.17 the import preview shows names, not ids ------------------------------------------------------
def test_preview_shows_names_in_the_ui_language(db):
    plan = ingest.prepare(
        ("jan.csv", "断面名称,采样日期,监测项目,监测值,单位\n测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n".encode())
    )
    zh = dp.preview_view(plan, "zh")
    assert zh["断面名称"].tolist() == ["测试河一号桥"] and zh["监测项目"].tolist() == ["氨氮"]
    en = dp.preview_view(plan, "en")
    assert en["Section"].tolist() == ["Bridge One"] and en["Parameter"].tolist() == ["Ammonia nitrogen (NH3-N)"]
    shown = set(zh.astype(str).to_numpy().ravel()) | set(en.astype(str).to_numpy().ravel())
    assert not shown & {"s_f1", "nh3n"}
    sections = dp.preview_view(ingest.prepare(("s.csv", ingest.template("sections", "zh", "csv"))), "zh")
    assert sections["所在河流"].tolist() == ["测试河"] and sections["所在镇街"].tolist() == ["甲街道"]
    assert sections["断面编号"].tolist() == ["s_new"]  # an id column keeps its id
    assert sections["水体类型"].tolist() == ["河流"]


def test_every_download_button_of_a_table_is_safe(db, monkeypatch):
    """ui.download_buttons (every page's table downloads) hands out only neutralised bytes, and the
    Excel file carries the title row with the filters."""
    from streamlit.delta_generator import DeltaGenerator

    from bishui.app import ui

    made: dict[str, bytes] = {}

    def fake_button(self, label, data=None, file_name=None, **kwargs):
        made[file_name] = data() if callable(data) else data
        return False

    monkeypatch.setattr(DeltaGenerator, "download_button", fake_button)
    df = pd.DataFrame({"名称": HOSTILE, "数值": [-1.5] * len(HOSTILE)})
    ui.download_buttons(df, "sections", "2024-01", key="t")
    csv_data = made["bishui_sections_2024-01.csv"]
    assert not _bare_formula_line(csv_data.decode("utf-8-sig"))
    xlsx = made["bishui_sections_2024-01.xlsx"]
    _no_formulas(xlsx)
    ws = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert "sections · 2024-01" in ws["A1"].value and ws.freeze_panes == "A3"
    assert [c.value for c in ws[2]] == ["名称", "数值"]


def test_rows_beyond_the_listed_problems_still_say_why_in_the_rejected_file(db):
    line = "测试河一号桥,2026-01-10,氨氮,0.61,mg/L\n"
    data = ("断面名称,采样日期,监测项目,监测值,单位\n" + line * 30).encode()
    plan = ingest.prepare(("dup.csv", data), lang="en", limits=ingest.Limits(max_problems=5))
    result = ingest.apply(plan, skip_invalid=True)
    rows = pd.read_csv(io.BytesIO(result.rejected_csv), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(rows) == 29 and (rows.iloc[:, -1] != "").all()
    assert (rows.iloc[:, -1].str.contains("too many to list")).sum() == 24


def test_scratch_left_by_a_killed_server_is_removed(db, tmp_path, monkeypatch):
    import os
    import time

    from bishui.ingest import isolated

    scratch = tmp_path / "shm"
    scratch.mkdir()
    monkeypatch.setattr(isolated, "_scratch_dir", lambda n: str(scratch))
    old = scratch / (isolated.SCRATCH_PREFIX + "old")
    old.mkdir()
    (old / "plan.pickle").write_bytes(b"x" * 100)
    past = time.time() - 7 * 3600 - 700
    os.utime(old, (past, past))
    fresh = scratch / (isolated.SCRATCH_PREFIX + "fresh")  # a preparation still running
    fresh.mkdir()
    ingest.prepare_isolated(("ok.xlsx", tiny_xlsx(HEAD)))
    assert not old.exists() and fresh.exists()
    assert sorted(p.name for p in scratch.iterdir()) == [fresh.name]  # and its own scratch is gone
