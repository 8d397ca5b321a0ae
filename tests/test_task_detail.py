"""The task detail under the responsibility matrix (targets page, tasks tab): the evidence from data and
the latest update, which a table cell cuts off, are shown in full for the task picked (by a row of the
table or the select box, URL parameter `task`), the task needing attention first by default."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from bishui.views import plan_views as pv, task_detail
from tests.apptest_helpers import app

LONG_EN = (
    "2023 flood season (from 06-01): 2 of 2 items ready in time; 2023 flood-season water quality: rebound "
    "(worse than the dry months before) at 2 sections: Bridge One (from 2023-07), Sluice Two (from 2023-08); "
    "3 section-months not yet judged (not over, no data or incomplete)"
)
LONG_ZH = "2023年汛期（06-01起）前2项，按时完成2项；2023年汛期水质反弹（差于汛前枯水期）2个断面：测试河一号桥（2023-07起）、测试河二号闸（2023-08起）"


def _raw(data_status=("missed", None, "at_risk")) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "task_no": [4, 1, 7],
            "title_zh": ["甲", "乙", "丙"],
            "title_en": ["A", "B", "C"],
            "lead_units": ["局", "局", "局"],
            "lead_units_en": ["Bureau", "Bureau", "Bureau"],
            "responsible_units": ["甲街道;乙镇", "甲街道", "乙镇"],
            "responsible_units_en": ["Town One;Town Two", "Town One", "Town Two"],
            "deadline": pd.to_datetime(["2023-03-31", "2023-12-31", "2023-12-31"]),
            "status": ["blocked", "in_progress", "done"],
            "progress_pct": [40.0, None, 100.0],
            "latest_updated_on": pd.to_datetime(["2023-04-20", None, "2023-04-01"]),
            "latest_town_id": ["t1", None, ""],
            "latest_note_zh": ["[点此](http://x.y) 整改中", None, "完成"],
            "latest_note_en": ["[click](http://x.y) in hand", None, "done"],
            "is_overdue": [True, False, False],
            "data_status": list(data_status),
            "data_evidence_zh": ["两个水体未消除", None, LONG_ZH],
            "data_evidence_en": ["2 bodies still open", None, LONG_EN],
        }
    )


@pytest.mark.parametrize(
    "statuses, expected",
    [
        (("missed", None, "at_risk"), "4"),
        ((None, "met", "at_risk"), "7"),  # at risk before a met one
        ((None, "met", "on_track"), "1"),  # the first measured from data
        ((None, None, None), "4"),  # none measured: the first task
    ],
)
def test_the_task_shown_first_needs_attention(statuses, expected):
    assert task_detail.default_task(_raw(statuses)) == expected


def test_the_detail_has_the_whole_evidence_and_update_escaped():
    raw = _raw()
    shown = pv.task_matrix_table(raw, {"t1": "Town One"}, "en")
    lines = task_detail.detail_lines(shown.iloc[2], "at_risk", "en")
    evidence = next(line for line in lines if line.startswith("**Evidence from data**"))
    # every word of the long sentence is there (escaped for markdown: punctuation behind a backslash)
    assert evidence.replace("\\", "") == "**Evidence from data**: " + LONG_EN
    assert "**Status from data**: :orange-badge[At risk]" in lines
    first = task_detail.detail_lines(shown.iloc[0], "missed", "en")
    latest = first[-1]
    assert latest.startswith("**Latest update** (2023\\-04\\-20): ")
    assert "](" not in latest and "\\[click\\]\\(http" in latest  # no link can start in a note
    assert ":red-badge[Missed]" in first[3]
    words_only = task_detail.detail_lines(shown.iloc[1], None, "en")
    assert "This task is reported in words only: no status from data." in words_only
    assert words_only[-1] == "**Latest update**: No update yet"
    zh = task_detail.detail_lines(pv.task_matrix_table(raw, {}, "zh").iloc[2], "at_risk", "zh")
    assert any(line.replace("\\", "") == "**数据依据**：" + LONG_ZH for line in zh)


def _with_data_status(db):
    con = duckdb.connect(str(db))
    con.execute(f"""CREATE OR REPLACE MACRO task_data_status(as_of) AS TABLE
                    SELECT * FROM (VALUES (7, 'at_risk', '{LONG_ZH}', '{LONG_EN}', as_of::DATE),
                                          (4, 'met', '黑臭水体均已消除', 'All bodies cleared', as_of::DATE))
                        AS t(task_no, data_status, evidence_zh, evidence_en, measured_through)""")
    con.close()


def _detail(at) -> str:
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def test_the_tasks_tab_shows_the_task_needing_attention_in_full(db):
    _with_data_status(db)
    at = app({"lang": "en", "month": "2023-04", "tab": "tasks"}, "pages/targets.py")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="tg_task").value == "7"  # at risk, picked before the met task 4
    assert LONG_EN in _detail(at)
    at.selectbox(key="tg_task").set_value("4").run()
    assert "All bodies cleared" in _detail(at) and LONG_EN not in _detail(at)
    assert at.query_params["task"] in ("4", ["4"])


@pytest.mark.parametrize("task, shown", [("1", "reported in words only"), ("99", LONG_EN)])
def test_the_task_comes_from_the_url(db, task, shown):
    _with_data_status(db)
    at = app({"lang": "en", "month": "2023-04", "tab": "tasks", "task": task}, "pages/targets.py")
    assert not at.exception, [e.value for e in at.exception]
    assert shown in _detail(at)  # task 99 does not exist: the default (task 7) instead
    zh = app({"lang": "zh", "month": "2023-04", "tab": "tasks", "task": "7"}, "pages/targets.py")
    assert LONG_ZH in _detail(zh)
