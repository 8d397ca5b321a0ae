"""Property: random edits to a valid file (delete a cell, garbage in a cell, swap columns, duplicate a
row, truncate the bytes, another encoding) never crash prepare/apply and never leave a partial write:
a rejected import leaves the warehouse bytes unchanged, an accepted one adds exactly what it reports."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bishui import ingest

HEADER = ["断面名称", "采样日期", "监测项目", "监测值", "单位", "检出限"]
ROWS = [
    ["测试河一号桥", "2023-06-03", "氨氮", "0.52", "mg/L", ""],
    ["测试河一号桥", "2023/6/3", "总磷", "120", "μg/L", ""],
    ["测试河一号桥", "2023年6月3日", "pH值", "7.6", "", ""],
    ["测试河二号闸", "2023-06-04", "溶解氧", "7.9", "mg/L", ""],
    ["测试河二号闸", "2023-06-04", "石油类", "ND", "mg/L", "0.01"],
    ["测试水库", "2023年6月", "高锰酸盐指数", "0.5L", "mg/L", ""],
]
GARBAGE = [
    "",
    "abc",
    "-1",
    "<",
    "ND",
    "99999",
    "２０２３年",
    "\x00",
    "0.01L",
    "2099-01-01",
    "mg/L",
    "μg/L",
    "一号桥",
    "1e309",
    "nan",
    "=SUM(A1)",
    ",",
    '"',
    "\n",
    "测试河一号桥",
    "pH",
    "Ⅲ",
    "2023-02-30",
    "14.5",
]

edit = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 20), st.integers(0, 10)),
    st.tuples(
        st.just("garbage"),
        st.integers(0, 20),
        st.integers(0, 10),
        st.one_of(st.sampled_from(GARBAGE), st.text(max_size=6)),
    ),
    st.tuples(st.just("swap"), st.integers(0, 10), st.integers(0, 10)),
    st.tuples(st.just("duplicate"), st.integers(0, 20)),
    st.tuples(st.just("truncate"), st.floats(0.0, 1.0)),
    st.tuples(st.just("encoding"), st.sampled_from(["gbk", "utf-8-sig", "utf-16", "latin-1"])),
)


def render(edits: list[tuple]) -> bytes:
    table = [list(HEADER)] + [list(r) for r in ROWS]
    cut, encoding = None, "utf-8"
    for e in edits:
        if e[0] == "delete":
            r = table[e[1] % len(table)]
            r[e[2] % len(r)] = ""
        elif e[0] == "garbage":
            r = table[e[1] % len(table)]
            r[e[2] % len(r)] = e[3]
        elif e[0] == "swap":
            a, b = e[1] % len(HEADER), e[2] % len(HEADER)
            for r in table:
                r[a], r[b] = r[b], r[a]
        elif e[0] == "duplicate":
            table.append(list(table[1 + e[1] % (len(table) - 1)]))
        elif e[0] == "truncate":
            cut = e[1]
        elif e[0] == "encoding":
            encoding = e[1]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(table)
    data = buf.getvalue().encode(encoding, errors="replace")
    if cut is not None:
        data = data[: int(len(data) * cut)]
    return data


def readings_count(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM readings").fetchone()[0]
    finally:
        con.close()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(edits=st.lists(edit, min_size=1, max_size=4), skip_invalid=st.booleans(), lang=st.sampled_from(["zh", "en"]))
def test_random_edits_never_crash_nor_half_write(fixture_db, edits, skip_invalid, lang):
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.duckdb"
        shutil.copyfile(fixture_db, db)
        before_bytes = db.read_bytes()
        before = readings_count(db)
        data = render(edits)
        plan = ingest.prepare(("edited.csv", data), lang=lang, db=db)
        assert set(plan.problems.columns) >= {"file", "sheet", "row", "column", "value", "reason"}
        assert plan.n_valid + plan.n_rejected == (0 if plan.typed is None else len(plan.typed))
        result = ingest.apply(plan, skip_invalid=skip_invalid, db=db)
        assert result.status in ("imported", "rejected", "nothing_to_import", "already_imported")
        if result.status == "imported":
            assert readings_count(db) == before + result.rows_added
            assert result.rows_added > 0 and result.rows_replaced == 0
            h = ingest.history(db=db)
            assert list(h["batch_id"]) == [result.batch_id, 0]
            assert h["rows_added"].iloc[0] == result.rows_added
            assert result.rows_rejected == plan.n_rejected + plan.n_conflicts
            if plan.n_rejected and skip_invalid:
                assert result.rejected_csv.startswith(b"\xef\xbb\xbf")
        else:
            assert db.read_bytes() == before_bytes
            if not skip_invalid and plan.n_errors:
                assert result.status == "rejected"
        assert [p.name for p in Path(tmp).iterdir() if ".tmp" in p.name] == []
