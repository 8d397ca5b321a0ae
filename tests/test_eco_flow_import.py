"""Importing the eco-flow, sluice and flood-season kinds (issue 18 items 3 and 5): each template reads
back as its kind and applies row for row; a file with mistakes gets its messages in zh and en."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from bishui.db import canonical
from bishui import ingest

KINDS = ("sluices", "flow_readings", "eco_flow_minimums", "sluice_operations", "flood_checklist")


def _rows(db, table: str, where: str = "") -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = [c[0] for c in canonical.table_columns(con, table) if c[0] != "batch_id"]
        return con.execute(f"SELECT {', '.join(cols)} FROM {table} {where} ORDER BY ALL").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("kind", KINDS)
def test_template_round_trip(kind, db):
    """template -> prepare -> apply -> the row is in the table as the template's example says."""
    for lang, fmt in (("zh", "xlsx"), ("en", "csv")):
        data = ingest.template(kind, lang, fmt)
        plan = ingest.prepare((f"t.{fmt}", data), lang=lang)
        assert plan.kind == kind and plan.ok, (lang, plan.problems)
        before = _rows(db, kind)
        result = ingest.apply(plan, replace=True)
        assert result.imported or result.status == "nothing_to_import", result.message
        after = _rows(db, kind)
        expected = [
            tuple(r)
            for r in plan.frame[[c for c in plan.frame.columns if c in {n for n, *_ in _cols(db, kind)}]].itertuples(
                index=False
            )
        ]
        assert len(expected) == 1 and len(set(after) - set(before)) <= 1
        assert any(
            _same(
                row,
                expected[0],
                [n for n, *_ in _cols(db, kind) if n in plan.frame.columns],
                [n for n, *_ in _cols(db, kind)],
            )
            for row in after
        ), (after, expected)


def _cols(db, table):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [c for c in canonical.table_columns(con, table) if c[0] != "batch_id"]
    finally:
        con.close()


def _same(row: tuple, frame_row: tuple, frame_cols: list[str], table_cols: list[str]) -> bool:
    got = dict(zip(table_cols, row))
    for name, value in zip(frame_cols, frame_row):
        g = got[name]
        if value is None or (isinstance(value, float) and value != value):
            if g not in (None, ""):
                return False
            continue
        if isinstance(g, (dt.date, dt.datetime)):
            g = g.isoformat(sep=" ") if isinstance(g, dt.datetime) else g.isoformat()
            value = str(value)[: len(g)]
        if isinstance(g, float):
            if abs(g - float(value)) > 1e-9:
                return False
        elif str(g) != str(value):
            return False
    return True


def test_a_chinese_operations_log_with_words_for_codes(db):
    text = (
        "闸门名称,调度时间,操作,开度(m),决策单位,调度原因,情况说明\n"
        "测试河节制闸,2023-07-06 08:30,关闸,0,区生态环境分局,上游来水超标,上游断面超标\n"
    )
    plan = ingest.prepare(("调度.csv", text.encode()))
    assert plan.kind == "sluice_operations" and plan.ok, plan.problems
    row = plan.frame.iloc[0]
    assert (row["sluice_id"], row["action"], row["reason_code"]) == ("t_zha", "close", "exceedance_upstream")
    assert ingest.apply(plan).imported
    assert ("t_zha", "close") in [(r[0], r[2]) for r in _rows(db, "sluice_operations")]


def test_flow_in_litres_per_second_is_converted(db):
    plan = ingest.prepare(("f.csv", "测流站点,日期,流量(L/s),水位(m)\n测试河一号桥,2023-03-02,1500,31.2\n".encode()))
    assert plan.kind == "flow_readings" and plan.ok, plan.problems
    assert plan.frame.iloc[0]["flow_m3_s"] == pytest.approx(1.5)


def test_mistakes_give_messages_in_chinese_and_english(db):
    text = (
        "测流站点,日期,流量(m³/s),水位(m)\n"
        "不存在的闸,2023-03-02,1.0,31\n"  # no such section or sluice
        "测试河一号桥,2023-03-40,1.0,31\n"  # not a date
        "测试河一号桥,2023-03-03,-1,31\n"  # negative flow
        "测试河一号桥,2099-01-01,1.0,31\n"  # in the future
        "测试河一号桥,2023-03-05,1.0,31\n"
        "测试河一号桥,2023-03-05,1.2,31\n"
    )  # the same site and day twice
    zh = ingest.prepare(("f.csv", text.encode()), kind="flow_readings")
    every = zh.problems.groupby("row")["reason"].apply(list).to_dict()
    reasons = dict(zip(zh.problems["row"], zh.problems["reason"]))
    assert reasons[2].startswith("未找到对应的断面或闸门")
    assert "不能为负数" in every[4]
    assert {3, 5, 7} <= set(reasons), reasons
    en = ingest.prepare(("f.csv", text.encode()), kind="flow_readings", lang="en")
    every = en.problems.groupby("row")["reason"].apply(list).to_dict()
    reasons = dict(zip(en.problems["row"], en.problems["reason"]))
    assert reasons[2].startswith("no such section or sluice")
    assert "must not be negative" in every[4]
    assert reasons[3].startswith("not a date") and reasons[5].startswith("date after today")
    assert reasons[7].startswith("duplicate in the file") and "row 6" in reasons[7]

    text = (
        "年度,准备事项,所在镇街,责任单位,计划量,完成量,完成日期\n"
        "2023,扫大街,甲街道,区城市管理局,10,10,2023-05-20\n"  # not a checklist item
        "2023,管网清淤,丙镇,区城市管理局,10,10,2023-05-20\n"
    )  # no such township
    zh = ingest.prepare(("c.csv", text.encode()), kind="flood_checklist")
    reasons = dict(zip(zh.problems["row"], zh.problems["reason"]))
    assert reasons[2].startswith("不是允许的取值（可选：管网清淤") and reasons[3].startswith("未找到对应的镇街")
    en = ingest.prepare(("c.csv", text.encode()), kind="flood_checklist", lang="en")
    reasons = dict(zip(en.problems["row"], en.problems["reason"]))
    assert "pipe_dredging" in reasons[2] and reasons[3].startswith("no such township")


def test_one_code_two_meanings_reads_as_its_column_says():
    """'open' is a sluice opening (开闸) in an operations log and an unrectified problem (未整改) in the
    TN problem list: the words shown for allowed values come from the column."""
    from bishui.ingest import vocab

    assert vocab.value_label_zh("action", "open") == "开闸"
    assert vocab.value_label_zh("problem_status", "open") == "未整改"
    assert vocab.value_label_zh("problem_status", "done") == "已完成"
