"""The meeting's run-through (issue 14 item 1): the agenda setting, the screens' figures against the
queries the pages use (fixture warehouse, tests/fixtures/district/), and the screens in AppTest: each at
its own address, next / previous, "n / N", unknown agenda ids ignored with a notice."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from bishui.reports import agenda, briefing
from bishui.reports import compensation as comp
from bishui.rules import targets
from bishui import i18n
from bishui.db import meetings, store
from tests.apptest_helpers import app

D = dt.date
MONTH, TODAY = D(2023, 4, 1), D(2023, 5, 10)


def test_agenda_setting(monkeypatch):
    monkeypatch.delenv("BISHUI_AGENDA", raising=False)
    assert agenda.agenda() == (list(agenda.SCREENS), [])
    assert agenda.SCREENS == ("overview", "misses", "targets", "tasks", "compensation", "progress", "since")
    assert agenda.agenda(" since, misses ,bogus,,misses") == (["since", "misses"], ["bogus"])
    assert agenda.agenda("nothing,known") == (list(agenda.SCREENS), ["nothing", "known"])
    monkeypatch.setenv("BISHUI_AGENDA", "tasks,overview")
    assert agenda.agenda() == (["tasks", "overview"], [])
    assert agenda.step(["a", "b", "c"], "a", -1) == "a" and agenda.step(["a", "b", "c"], "b", 1) == "c"
    assert agenda.step(["a", "b", "c"], "c", 1) == "c" and agenda.step(["a", "b"], "gone", 1) == "b"


def _b(lang="en"):
    return briefing.Briefing(MONTH, lang, None, today=TODAY)


def _col(part, column, lang="en"):
    return list(part.frame[i18n.column_label(column, lang)])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_misses_screen_is_the_months_misses_with_their_sources(fixture_db, use_db, lang):
    use_db(fixture_db)
    line, (part,) = agenda.rows("misses", _b(lang))
    want = store.query("section_month_misses", month=MONTH, town_id=None)
    assert len(want) > 0
    assert _col(part, "section", lang) == list(want[f"name_{lang}"])[: agenda.MAX_ROWS]
    assert part.more == max(0, len(want) - agenda.MAX_ROWS)
    assert i18n.column_label("ag_sources", lang) in part.frame.columns


def test_targets_screen_lists_the_targets_missed_or_at_risk(fixture_db, use_db):
    use_db(fixture_db)
    _, (part,) = agenda.rows("targets", _b())
    all_targets = store.query("targets_list")
    year = 2023
    as_of = D(2023, 4, 30)
    measures = store.query(
        "target_measures", year=year, start=D(2022, 7, 1), end=D(2023, 4, 1), town_id=None, now=TODAY
    )
    status = targets.status_table(all_targets[all_targets["year"] == year], measures, as_of)
    want = status[status["status"].isin(["missed", "at_risk"])]
    assert len(want) > 0 and sorted(_col(part, "tg_id")) == sorted(want["target_id"])


def test_tasks_screen_lists_the_overdue_tasks_by_responsible_unit(fixture_db, use_db):
    use_db(fixture_db)
    _, (part,) = agenda.rows("tasks", _b())
    matrix = store.query("task_matrix", as_of=D(2023, 4, 30), town_id=None, units=[])
    overdue = matrix[matrix["is_overdue"].astype(bool)]
    assert len(overdue) > 0
    assert sorted(_col(part, "tk_no")) == sorted(int(v) for v in overdue["task_no"])
    units = _col(part, "tk_responsible")
    assert units == sorted(units) and part.frame.columns[0] == i18n.column_label("tk_responsible", "en")


def test_compensation_screen_is_the_ledger_of_the_month(fixture_db, use_db):
    use_db(fixture_db)
    _, (part,) = agenda.rows("compensation", _b())
    ledger = store.query(
        "compensation_ledger", start=D(2023, 1, 1), end=MONTH, town_id=None, **comp.ledger_params(TODAY)
    )
    month_rows = ledger[pd.to_datetime(ledger["month"]).dt.date == MONTH]
    assert len(part.frame) == min(len(month_rows), agenda.MAX_ROWS)
    assert briefing.money(month_rows["amount_cny"].sum(), "en") in part.heading
    assert briefing.money(ledger["amount_cny"].sum(), "en") in part.heading
    owed = (month_rows["status"] == "owed").sum()
    statuses = _col(part, "cp_status")
    assert statuses[:owed] == [i18n.t("comp.status.owed", "en")] * owed  # owed first


def test_progress_screen_is_the_overviews_source_figures(fixture_db, use_db):
    use_db(fixture_db)
    _, (part,) = agenda.rows("progress", _b())
    now = store.query("overview_sources", month=MONTH, town_id=None).iloc[0]
    first = part.frame.iloc[0]
    assert first.iloc[0] == i18n.t("ov.card.outfalls", "en") and first.iloc[1] == f"{int(now.open_outfalls):,}"


def test_since_screen_starts_at_the_last_meeting(db):
    _, parts = agenda.rows("since", _b())
    names = [p.heading for p in parts]
    assert names[0].startswith(i18n.t("tg.since.changes", "en"))  # no meeting: no action items
    updates = store.query("task_updates_window", since=D(2023, 4, 23), as_of=D(2023, 4, 30), town_id=None)
    assert names[1] == f"{i18n.t('tg.since.updates', 'en')} ({len(updates)})"
    meetings.record(D(2023, 4, 12), "甲", "决定", [{"action": "a", "owner": "b", "deadline": D(2023, 4, 20)}], "x")
    line, parts = agenda.rows("since", _b())
    assert "2023-04-12" in line and parts[0].heading == f"{i18n.t('tg.since.actions', 'en')} (1)"
    updates = store.query("task_updates_window", since=D(2023, 4, 12), as_of=D(2023, 4, 30), town_id=None)
    assert parts[2].heading == f"{i18n.t('tg.since.updates', 'en')} ({len(updates)})"


# ---- in the app -------------------------------------------------------------------------------
def _nav(at) -> str:
    return " ".join(m.value for m in at.markdown if " / " in m.value)


def test_each_screen_has_an_address_and_next_previous_walk_the_agenda(fixture_db, use_db, monkeypatch):
    use_db(fixture_db)
    monkeypatch.setenv("BISHUI_TODAY", "2023-05-10")
    at = app({"lang": "en", "month": "2023-04", "present": "1", "screen": "targets"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value.startswith(i18n.t("ag.screen.targets", "en")) and "3 / 7" in _nav(at)
    at.button(key="agenda_next").click().run()
    assert at.query_params["screen"] == "tasks" and "4 / 7" in _nav(at)
    for _ in range(3):  # compensation, progress, since
        at.button(key="agenda_next").click().run()
        assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["screen"] == "since" and at.button(key="agenda_next").disabled
    at.button(key="agenda_prev").click().run()
    assert at.query_params["screen"] == "progress"


def test_the_agenda_setting_chooses_the_screens_and_names_unknown_ones(fixture_db, use_db, monkeypatch):
    use_db(fixture_db)
    monkeypatch.setenv("BISHUI_AGENDA", "since,bogus,overview")
    at = app({"lang": "zh", "month": "2023-04", "present": "1", "screen": "misses"})  # not on this agenda
    assert not at.exception, [e.value for e in at.exception]
    assert "1 / 2" in _nav(at) and at.query_params["screen"] == "since"
    assert any("bogus" in t.value for t in at.toast)
    at.button(key="agenda_next").click().run()
    assert at.query_params["screen"] == "overview" and len(at.metric) == 6
