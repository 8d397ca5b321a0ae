"""The weekly meeting's record (issue 14 item 3): an editor records a meeting on the targets page's
"since the last meeting" tab (date, attendees, decisions, action items with owner and deadline); a viewer
cannot; "since the last meeting" then starts at that meeting's date (the week before only when none is
recorded); the action items are listed with the plan's tasks with their overdue flag, and the briefing
lists the last meeting's decisions and action items. On the fixture warehouse (tests/fixtures/district/)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from bishui.reports import briefing
from bishui import i18n
from bishui.db import meetings, store
from tests.apptest_helpers import app, texts

D = dt.date
ACTIONS = [
    {"action": "排查<b>东沟</b>排口", "owner": "区城管局", "deadline": D(2023, 4, 25)},
    {"action": "Dredge the north ditch", "owner": "区水务局", "deadline": D(2023, 5, 31)},
]


def _table(at, column: str) -> pd.DataFrame:
    for df in at.dataframe:
        value = df.value.data if hasattr(df.value, "data") else df.value
        if column in value.columns:
            return value
    raise AssertionError(f"no table with column {column!r}")


def test_parse_actions_reads_lines_and_names_the_bad_one():
    got = meetings.parse_actions("排查排口 | 区城管局 | 2023-04-25\n\n Dredge ｜ Water bureau ｜ 2023-05-31 ")
    assert got == [
        {"action": "排查排口", "owner": "区城管局", "deadline": D(2023, 4, 25)},
        {"action": "Dredge", "owner": "Water bureau", "deadline": D(2023, 5, 31)},
    ]
    with pytest.raises(meetings.MeetingError, match="line 2"):
        meetings.parse_actions("a | b | 2023-01-01\nno owner here")
    with pytest.raises(meetings.MeetingError, match="line 1: the deadline"):
        meetings.parse_actions("a | b | 31/05/2023")
    with pytest.raises(meetings.MeetingError):
        meetings.record(D(2023, 4, 20), "  ", "", [], "someone")


def test_since_is_the_last_meeting_before_the_date_else_a_week(db):
    assert meetings.since(D(2023, 4, 30)) == (D(2023, 4, 23), None)
    mid = meetings.record(
        D(2023, 4, 10),
        "区水务局、区生态环境分局",
        "一、加密监测\n二、月底前完成清淤",
        ACTIONS,
        "张三 · editor (password)",
    )
    start, last = meetings.since(D(2023, 4, 30))
    assert start == D(2023, 4, 10) and int(last["meeting_id"]) == mid
    assert meetings.decisions_list(last) == ["一、加密监测", "二、月底前完成清淤"]
    assert meetings.since(D(2023, 4, 10))[0] == D(2023, 4, 3)  # a meeting is not its own last meeting
    acts = meetings.actions(D(2023, 4, 30))
    assert list(acts["is_overdue"]) == [True, False]  # 04-25 passed, 05-31 not yet
    # the action items join the task matrix with the tasks' columns and overdue rule
    matrix = store.query("task_matrix", as_of=D(2023, 4, 30), town_id=None, units=[])
    joined = meetings.with_actions(matrix, D(2023, 4, 30))
    assert list(joined["task_no"])[len(matrix) :] == [f"M{mid}-1", f"M{mid}-2"]
    assert list(joined["is_overdue"])[len(matrix) :] == [True, False]
    assert len(meetings.with_actions(matrix, D(2023, 4, 30), ["区水务局"])) == len(matrix) + 1


def test_a_warehouse_without_the_tables_reads_as_no_meeting(db):
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE meeting_actions; DROP TABLE meetings")
    con.close()
    assert meetings.since(D(2023, 4, 30)) == (D(2023, 4, 23), None)
    assert meetings.actions(D(2023, 4, 30)).empty
    meetings.record(D(2023, 4, 10), "甲", "", [], "x")  # the write creates them
    assert meetings.since(D(2023, 4, 30))[0] == D(2023, 4, 10)


def test_an_editor_records_a_meeting_and_the_next_meeting_sees_it(db):
    at = app({"lang": "en", "month": "2023-04"}, "pages/targets.py")  # no gate configured: everyone edits
    assert not at.exception, [e.value for e in at.exception]
    assert i18n.t("mt.window_week", "en", start="2023-04-24", end="2023-04-30") in texts(at)
    at.date_input(key="tg_mt_date").set_value(D(2023, 4, 12))
    at.text_input(key="tg_mt_attendees").input("Water bureau; <i>Ecology</i> branch")
    at.text_area(key="tg_mt_decisions").input("Monitor daily\nClear the ditch by May")
    at.text_area(key="tg_mt_actions").input("排查东沟排口 | 区城管局 | 2023-04-25\nDredge | 区水务局 | 2023-05-31")
    at.text_input(key="tg_mt_user").input("Li")
    at.button(key="tg_mt_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("saved (2 action items)" in s.value for s in at.success)
    last = meetings.last_meeting(D(2023, 4, 30))
    assert last["attendees"] == "Water bureau; <i>Ecology</i> branch"
    assert last["recorded_by"].startswith("Li · anonymous · client ")
    # the next meeting (the page as at 04-30): since the recorded one, its decisions and action items
    shown = texts(at)
    assert "after the last meeting (2023-04-12)" in shown and "Clear the ditch by May" in shown
    assert "<i>" not in shown.replace("\\<", "")  # shown as text
    acts = _table(at, "Action item")
    assert list(acts["Owner"]) == ["区城管局", "区水务局"] and list(acts["Overdue"]) == ["Yes", "No"]
    updates = _table(at, "Reported by")
    want = store.query("task_updates_window", since=D(2023, 4, 12), as_of=D(2023, 4, 30), town_id=None)
    assert len(updates) == len(want) and len(want) > 0
    # the action items are listed with the tasks, with their overdue flag
    tasks = _table(at, "Lead units")
    mine = tasks[tasks["Task"].astype(str).str.startswith("M")]
    assert list(mine["Task"]) == ["M1-1", "M1-2"] and list(mine["Overdue"]) == ["Yes", "No"]


def test_a_viewer_cannot_record_a_meeting(db):
    from streamlit.testing.v1 import AppTest

    from tests.apptest_helpers import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["editor_password"] = "碧水-2026"
    for k, v in {"lang": "zh", "month": "2023-04"}.items():
        at.query_params[k] = v
    at.run()
    at = at.switch_page("pages/targets.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert i18n.t("mt.viewer", "zh") in texts(at)
    assert not [b for b in at.button if b.key == "tg_mt_submit"]
    assert not [w for w in at.text_area if (w.key or "").startswith("tg_mt_")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_briefing_lists_the_last_meetings_decisions_and_action_items(db, lang):
    from docx import Document
    import io

    meetings.record(D(2023, 4, 10), "区水务局", "一、加密监测\n二、月底前完成清淤", ACTIONS, "x")
    doc = Document(io.BytesIO(briefing.build_briefing(D(2023, 4, 1), lang, today=D(2023, 5, 10))))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert i18n.t("brf.h.meeting", lang) in body
    assert i18n.t("brf.meeting.held", lang, held="2023-04-10", attendees="区水务局") in body
    assert "1. 一、加密监测" in body and "2. 二、月底前完成清淤" in body
    last_table = doc.tables[-1]
    rows = [[c.text for c in r.cells] for r in last_table.rows]
    assert rows[0] == [
        i18n.column_label(c, lang) for c in ("tk_no", "mt_action", "mt_owner", "tk_deadline", "tk_overdue")
    ]
    yes, no = i18n.t("common.yes", lang), i18n.t("common.no", lang)
    assert rows[1:] == [
        ["M1-1", "排查<b>东沟</b>排口", "区城管局", "2023-04-25", yes],
        ["M1-2", "Dredge the north ditch", "区水务局", "2023-05-31", no],
    ]
    # the overdue action item is among the overdue tasks, as on the targets page
    b = briefing.Briefing(D(2023, 4, 1), lang, today=D(2023, 5, 10))
    assert "M1-1" in list(briefing.overdue_tasks(b)["task_no"]) and "M1-2" not in list(
        briefing.overdue_tasks(b)["task_no"]
    )


def test_no_meeting_says_so_in_the_briefing(db):
    from docx import Document
    import io

    doc = Document(io.BytesIO(briefing.build_briefing(D(2023, 4, 1), "en", today=D(2023, 5, 10))))
    assert i18n.t("brf.meeting.none", "en") in [p.text for p in doc.paragraphs]
