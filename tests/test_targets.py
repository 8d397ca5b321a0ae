"""Target statuses (bishui.rules.targets) on hand-worked cases, the measures of queries/target_measures.sql
on the fixture warehouse (every expected value worked out by hand from tests/fixtures/district/, or
recomputed here independently from the fixture files for data other areas own), the task matrix and
the project totals."""

from __future__ import annotations

import csv
import datetime as dt
import json

import duckdb
import pandas as pd
import pytest

from bishui.db import store
from bishui.rules import targets
from bishui.rules.targets import target_status
from tests.conftest import FIXTURE_DIR

D = dt.date
DEC31 = D(2023, 12, 31)


def months(year: int, first: int, values) -> list[tuple[dt.date, float]]:
    return [(D(year, first + i, 1), v) for i, v in enumerate(values)]


# ---- the pure rule ---------------------------------------------------------------------------
def test_no_value_is_no_data():
    assert target_status([], 0, "le", DEC31, D(2023, 4, 30)).status == "no_data"
    # values after the deadline do not count for it
    assert target_status([(D(2024, 1, 1), 0)], 0, "le", DEC31, D(2024, 2, 1)).status == "no_data"


def test_cumulative_count_is_on_track_until_it_exceeds_the_goal_then_missed():
    hist = months(2023, 1, [0, 0, 0])
    res = target_status(hist, 0, "le", DEC31, D(2023, 3, 31), cumulative=True)
    assert (res.status, res.current, res.progress_pct) == ("on_track", 0, 100)
    res = target_status(hist + [(D(2023, 4, 1), 1)], 0, "le", DEC31, D(2023, 4, 30), cumulative=True)
    assert (res.status, res.current, res.progress_pct) == ("missed", 1, 0)
    # at the deadline a clean year is met
    assert target_status(months(2023, 1, [0] * 12), 0, "le", DEC31, DEC31, cumulative=True).status == "met"


def test_value_meeting_the_goal_before_the_deadline_is_met_inclusive_of_the_goal():
    assert target_status(months(2023, 1, [5, 4, 3]), 3, "le", DEC31, D(2023, 3, 31)).status == "met"
    assert target_status(months(2023, 1, [70, 75, 80]), 80, "ge", DEC31, D(2023, 3, 31)).status == "met"
    assert target_status(months(2023, 1, [70, 75, 79.99]), 80, "ge", DEC31, D(2023, 3, 31)).status != "met"


def test_trend_reaching_the_goal_is_on_track():
    # R1 on the fixture: 0, 1, 1 villages (Jan-Mar), goal >= 4 by Dec.
    # least squares on x = 0, 1, 2: slope (1*(2/3) + 1*(1/3)) / 2 = 0.5, intercept 2/3 - 0.5 = 1/6;
    # December is x = 11: 1/6 + 5.5 = 5.667 >= 4 -> on track. Progress 1/4 = 25 %.
    res = target_status(months(2023, 1, [0, 1, 1]), 4, "ge", DEC31, D(2023, 4, 30))
    assert res.status == "on_track"
    assert res.projected == pytest.approx(5 + 2 / 3)
    assert res.slope_per_month == pytest.approx(0.5)
    assert res.progress_pct == pytest.approx(25)


def test_trend_not_reaching_the_goal_is_at_risk():
    # 0, 0, 1, 1, 1, 1 open outfalls (Nov..Apr), goal <= 0: x = 0..5, mean 2/3,
    # slope = sum((x-2.5)*y) / 17.5 = (-0.5 + 0.5 + 1.5 + 2.5) / 17.5 = 4/17.5 > 0 -> at risk.
    hist = [(D(2022, 11, 1), 0), (D(2022, 12, 1), 0)] + months(2023, 1, [1, 1, 1, 1])
    res = target_status(hist, 0, "le", DEC31, D(2023, 4, 30))
    assert res.status == "at_risk"
    assert res.slope_per_month == pytest.approx(4 / 17.5)
    # projected at Dec 2023 (x = 13): mean 2/3 + slope * (13 - 2.5)
    assert res.projected == pytest.approx(2 / 3 + 4 / 17.5 * 10.5)


def test_falling_trend_reaching_zero_is_on_track():
    # 3, 2, 1 km left (Jan-Mar), slope -1/month: zero by April, well before December
    res = target_status(months(2023, 1, [3, 2, 1]), 0, "le", DEC31, D(2023, 3, 31))
    assert res.status == "on_track" and res.projected == pytest.approx(1 - 9)


def test_a_single_value_not_meeting_the_goal_is_at_risk():
    res = target_status([(D(2023, 3, 1), 50)], 70, "ge", DEC31, D(2023, 4, 30))
    assert res.status == "at_risk" and res.projected is None


def test_only_the_last_six_months_make_the_trend():
    # a long fall then six flat months: the trend is flat -> at risk (the old fall does not count)
    hist = months(2022, 1, [12, 11, 10, 9, 8, 7]) + months(2022, 7, [5, 5, 5, 5, 5, 5])
    res = target_status(hist, 0, "le", D(2023, 12, 31), D(2022, 12, 31))
    assert res.status == "at_risk" and res.slope_per_month == pytest.approx(0)


def test_after_the_deadline_the_latest_value_up_to_it_decides():
    hist = months(2023, 1, [5, 4, 3]) + [(D(2024, 1, 1), 9)]
    assert target_status(hist, 3, "le", DEC31, D(2024, 6, 30)).status == "met"
    assert target_status(months(2023, 10, [90, 91, 89]), 90, "ge", DEC31, D(2024, 1, 31)).status == "missed"


def test_year_to_date_measures_ignore_the_previous_year():
    # villages done restart in January: last year's rise must not carry this year's trend.
    # All four months: 0, 1, 2, 1 (x = 0..3): slope 2/5, December (x = 14) 1 + 0.4 * 12.5 = 6 -> on track;
    # the year so far is January alone: no trend -> at risk.
    hist = months(2022, 10, [0, 1, 2]) + months(2023, 1, [1])
    res = target_status(hist, 4, "ge", DEC31, D(2023, 1, 31))
    assert res.status == "on_track" and res.projected == pytest.approx(6)
    res = target_status(hist, 4, "ge", DEC31, D(2023, 1, 31), year_to_date=True)
    assert res.status == "at_risk" and res.current == 1


def test_progress_from_the_start_of_year_down_to_the_goal():
    # 0.3205 km in January, 0.1205 now, goal 0: (0.3205 - 0.1205) / 0.3205
    assert targets.progress_pct(0.1205, 0, "le", 0.3205) == pytest.approx(62.402496, abs=1e-5)
    assert targets.progress_pct(2, 0, "le", 1) == 0
    assert targets.progress_pct(0, 0, "le", 5) == 100
    assert targets.progress_pct(72, 70, "ge", 60) == 100
    assert targets.progress_pct(35, 70, "ge", 60) == 50


def test_goal_out_of_reach_is_missed_and_projection_capped():
    """Issue 10 item 4: a year-to-date share whose goal can no longer be reached is missed, whatever
    the trend; projections stop at what is reachable."""
    hist = months(2023, 1, [0, 0, 200 / 7, 40])  # the fixture's P1: 4 of 10 plant-months by April
    # 3 plants a month, 8 months left: at best (4 + 24) / (10 + 24) = 82.4 %
    best = 100 * 28 / 34
    res = target_status(hist, 100, "ge", DEC31, D(2023, 4, 30), year_to_date=True, reachable=(400 / 34, best))
    assert res.status == "missed"
    # a goal still in reach: the trend decides, but the projection is capped at the reachable maximum
    res = target_status(hist, 80, "ge", DEC31, D(2023, 4, 30), year_to_date=True, reachable=(400 / 34, best))
    assert res.status == "on_track" and res.projected == pytest.approx(best)
    # a stock cannot be projected below zero
    res = target_status(months(2023, 1, [3, 2, 1]), 0, "le", DEC31, D(2023, 3, 31), reachable=(0, None))
    assert res.status == "on_track" and res.projected == 0


def test_reachable_bounds_of_every_measure_kind(con):
    m = _measures(con)

    def at(tid, month, town=""):
        return m[(m["target_id"] == tid) & (m["town_id"] == town) & (m["month"].astype(str).str[:7] == month)].iloc[0]

    # P1 April: 4 met of 10, 3 plants in April, 8 months left -> [4/34, 28/34]
    p1 = at("P1", "2023-04")
    assert (p1.min_reachable, p1.max_reachable) == (pytest.approx(400 / 34), pytest.approx(2800 / 34))
    # S4 (district rate) April: 4 of 5, 1 district section with a class in April (s_t2), 8 left
    s4 = at("S4", "2023-04")
    assert (s4.min_reachable, s4.max_reachable) == (pytest.approx(400 / 13), pytest.approx(1200 / 13))
    # S1 (劣V months) April: 1 so far, 8 months left -> [1, 9]
    s1 = at("S1", "2023-04")
    assert (s1.min_reachable, s1.max_reachable) == (1, 9)
    s3 = at("S3", "2023-04")
    assert (s3.min_reachable, s3.max_reachable) == (1, 6)
    u1 = at("U1", "2023-04")
    assert u1.min_reachable == 0 and pd.isna(u1.max_reachable)
    o1 = at("O1", "2023-04")
    assert (o1.min_reachable, o1.max_reachable) == (0, 100)
    r1 = at("R1", "2023-04")
    assert pd.isna(r1.min_reachable) and pd.isna(r1.max_reachable)


def test_sample_p1_is_missed_once_a_plant_month_fails(sample_db):
    """Issue 10 item 4 on the sample: P1 was at_risk Aug-Nov 2023 and on_track Feb-Aug 2025
    (projected 142 %) although a plant-month had already failed; now missed, projections <= 100 %."""
    c = duckdb.connect(str(sample_db), read_only=True)
    try:
        tl = store.execute(c, "targets_list")
        for year, first_fail in ((2023, 8), (2025, 2)):
            ms = _measures(c, year=year, start=D(year - 1, 7, 1), end=D(year, 12, 1))
            p1 = ms[(ms["target_id"] == "P1") & (ms["town_id"] == "")]
            p1_months = {str(r.month)[:7]: r.value for r in p1.itertuples()}
            assert p1_months[f"{year}-{first_fail:02d}"] < 100  # the first failed plant-month
            for month in range(first_fail, 12):
                as_of = (pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)).date()
                row = targets.status_table(tl[(tl["year"] == year) & (tl["target_id"] == "P1")], ms, as_of).iloc[0]
                assert row["status"] == "missed", (year, month)
                assert row["projected"] is None or pd.isna(row["projected"]) or row["projected"] <= 100
    finally:
        c.close()


# ---- measures on the fixture ---------------------------------------------------------------
def _measures(con, year=2023, start=D(2022, 7, 1), end=D(2023, 4, 1), town_id=None):
    return store.execute(con, "target_measures", year=year, start=start, end=end, town_id=town_id, now=D(2026, 12, 3))


@pytest.fixture(scope="module")
def con(fixture_db):
    c = duckdb.connect(str(fixture_db), read_only=True)
    yield c
    c.close()


def _series(df, target_id, town_id=""):
    d = df[(df["target_id"] == target_id) & (df["town_id"] == town_id)]
    return {str(m)[:7]: round(float(v), 6) for m, v in zip(d["month"], d["value"])}


def test_section_measures(con):
    m = _measures(con)
    # s_f1: Jan III, Feb V, Mar no data, Apr 劣V -> 劣V months so far this year 0, 0, 0, 1
    assert _series(m, "S1") == {"2023-01": 0, "2023-02": 0, "2023-03": 0, "2023-04": 1}
    # s_t2: Jan III, Feb IV, Mar III, Apr III
    assert _series(m, "S3") == {"2023-01": 3, "2023-02": 4, "2023-03": 3, "2023-04": 3}
    s1 = m[m["target_id"] == "S1"]
    assert s1["is_cumulative"].all() and s1["is_year_to_date"].all()
    assert str(s1["known_on"].iloc[-1])[:10] == "2023-04-30"  # a month's class is final at its end


def test_district_attainment_rate(con):
    # district sections s_t2 and s_res: Jan s_res III/III and s_t2 III/III (2 of 2), Feb s_t2 IV/III
    # (2 of 3), Mar s_t2 III (3 of 4), Apr s_t2 III (4 of 5)
    assert _series(_measures(con), "S4") == {"2023-01": 100, "2023-02": round(200 / 3, 6), "2023-03": 75, "2023-04": 80}


def test_plant_quasi_iv_rate_counts_plants_from_commissioning(con):
    # p1: Jan NH3-N 1.8, Feb TP 0.35, Apr COD 31 fail; Mar all at their limits meets.
    # p2 from its commissioning in March (its February trial month is ignored): Mar, Apr meet.
    # p3: Jan-Mar fail, Apr at the limits meets. Jan 0/2, Feb 0/4, Mar 2/7, Apr 4/10.
    assert _series(_measures(con), "P1") == {"2023-01": 0, "2023-02": 0, "2023-03": round(200 / 7, 6), "2023-04": 40}


def test_reported_measures_are_known_when_reported(con):
    m = _measures(con)
    assert _series(m, "R1") == {"2023-01": 0, "2023-02": 1, "2023-03": 1, "2023-04": 2}
    r1 = m[m["target_id"] == "R1"]
    assert [str(d)[:10] for d in r1["known_on"]] == ["2023-02-01", "2023-03-01", "2023-04-01", "2023-05-01"]
    # R3 is per township: one series per township that reports, no district total
    assert _series(m, "R3", "t1") == {"2023-01": 60, "2023-02": 65, "2023-03": 72}
    assert _series(m, "R3", "t2") == {"2023-01": 50, "2023-02": 50, "2023-03": 50}
    assert _series(m, "R3", "") == {}


def test_open_urban_black_odorous_bodies(con):
    # b1 urban closed 2021-01-10; b3 urban found 2022-11-01, cleared but not closed; b2 is rural
    s = _series(_measures(con), "U3")
    assert s["2022-10"] == 0 and s["2022-11"] == 1 and s["2023-04"] == 1


def test_measures_from_pipes_and_outfalls_match_the_fixture_files(con):
    """U1, U2 and O1 recomputed here straight from the fixture files (other areas own them)."""
    pipes = [f["properties"] for f in json.loads((FIXTURE_DIR / "pipes.geojson").read_text())["features"]]
    with open(FIXTURE_DIR / "outfalls.csv", encoding="utf-8") as fh:
        outfalls = list(csv.DictReader(fh))
    m = _measures(con)
    month_ends = {"2022-12": D(2022, 12, 31), "2023-02": D(2023, 2, 28), "2023-04": D(2023, 4, 30)}
    for key, end in month_ends.items():
        for town in ("", "t1", "t2"):
            km = (
                sum(
                    p["length_m"]
                    for p in pipes
                    if p["was_combined"]
                    and (town == "" or p["town_id"] == town)
                    and (not p["separated_on"] or D.fromisoformat(p["separated_on"]) > end)
                )
                / 1000
            )
            assert _series(m, "U1", town)[key] == pytest.approx(km), (key, town)
        found = [o for o in outfalls if D.fromisoformat(o["discovered_on"]) <= end]
        closed = lambda o: o["closed_on"] and D.fromisoformat(o["closed_on"]) <= end  # noqa: E731
        direct = sum(1 for o in found if o["is_direct_sewage"] == "true" and not closed(o))
        assert _series(m, "U2")[key] == direct
        ok = sum(1 for o in found if o["approval_state"] in ("approved", "registered") or closed(o))
        assert _series(m, "O1").get(key) == (pytest.approx(100 * ok / len(found)) if found else None)


def test_town_filter_keeps_district_targets_and_that_townships_rows(con):
    m = _measures(con, town_id="t2")
    assert set(m.loc[m["target_id"] == "U1", "town_id"]) == {"t2"}
    assert set(m.loc[m["target_id"] == "R3", "town_id"]) == {"t2"}
    assert set(m.loc[m["target_id"] == "S1", "town_id"]) == {""}


def test_statuses_on_the_fixture(con):
    tl = store.execute(con, "targets_list")
    table = targets.status_table(tl[tl["year"] == 2023], _measures(con), D(2023, 4, 30))
    got = {(r.target_id, r.town_id): r.status for r in table.itertuples()}
    expected = {
        ("S1", ""): "missed",  # one 劣V month (April) against "none"
        ("S3", ""): "met",  # class III in April
        ("S4", ""): "met",  # 80 % >= 80 %
        ("P1", ""): "missed",  # 0 of 2 in January: 100 % of the year's plant-months is out of reach
        ("U1", ""): "on_track",  # 0.3205 x 7 then 0.1205 x 3 km: falling, projected below zero
        ("U1", "t1"): "on_track",
        ("U1", "t2"): "met",  # no combined pipe
        ("U3", ""): "at_risk",  # b3 open since Nov 2022, flat
        ("R1", ""): "on_track",  # April's figure is reported only on 2023-05-01
        ("R3", "t1"): "met",  # 72 % >= 70 %
        ("R3", "t2"): "at_risk",  # flat 50 %
        ("N1", ""): "no_data",  # no TN a year earlier anywhere
    }
    for key, status in expected.items():
        assert got[key] == status, key


def test_status_changes_since_last_meeting(con):
    tl = store.execute(con, "targets_list")
    changes = targets.status_changes(tl[tl["year"] == 2023], _measures(con), D(2023, 4, 23), D(2023, 4, 30))
    changes = changes[~changes["target_id"].isin(["U2", "O1"])]  # those follow the outfall fixture
    got = {r.target_id: (r.status_before, r.status_now) for r in changes.itertuples()}
    # April's class of s_f1 (劣V) and of the district sections became final on 2023-04-30
    assert got == {"S1": ("on_track", "missed"), "S4": ("at_risk", "met")}


# ---- tasks and projects --------------------------------------------------------------------
def test_task_matrix(con):
    m = store.execute(con, "task_matrix", as_of=D(2023, 4, 30), town_id=None, units=[]).set_index("task_no")
    assert m.loc[1, "status"] == "in_progress" and m.loc[1, "progress_pct"] == 55
    assert not m.loc[1, "is_overdue"]
    # task 4: district-wide update in progress (60) and Town Two blocked (40) on 2023-04-27
    assert m.loc[4, "status"] == "blocked" and m.loc[4, "progress_pct"] == 50
    assert m.loc[4, "is_overdue"]  # deadline 2023-03-31
    assert str(m.loc[4, "latest_updated_on"])[:10] == "2023-04-27"
    assert m.loc[7, "status"] == "not_started" and m.loc[7, "n_updates"] == 0
    # a week earlier task 4 was not yet blocked
    before = store.execute(con, "task_matrix", as_of=D(2023, 4, 23), town_id=None, units=[]).set_index("task_no")
    assert before.loc[4, "status"] == "in_progress"


def test_task_filters_by_township_and_unit(con):
    t2 = store.execute(con, "task_matrix", as_of=D(2023, 4, 30), town_id="t2", units=[])
    assert list(t2["task_no"]) == [4, 7]  # 乙镇 is responsible for 4 and 7
    assert t2.set_index("task_no").loc[4, "status"] == "blocked"
    t1 = store.execute(con, "task_matrix", as_of=D(2023, 4, 30), town_id="t1", units=[]).set_index("task_no")
    assert t1.loc[4, "status"] == "in_progress"  # only its own and district-wide updates
    finance = store.execute(con, "task_matrix", as_of=D(2023, 4, 30), town_id=None, units=["区财政局"])
    assert list(finance["task_no"]) == [7]


def test_updates_in_the_week_before_the_meeting(con):
    u = store.execute(con, "task_updates_window", since=D(2023, 4, 23), as_of=D(2023, 4, 30), town_id=None)
    assert list(zip(u["task_no"], u["status"])) == [(4, "blocked")]


def test_project_totals(con):
    s = store.execute(con, "projects_summary", as_of=D(2023, 4, 30), town_id=None).iloc[0]
    assert s.budget_cny == 8_000_000 and s.spent_cny == 3_500_000
    assert s.execution_pct == pytest.approx(43.75)
    assert s.completion_pct == pytest.approx((40 * 5 + 100 * 1 + 30 * 2) / 8)
    assert (s.n_projects, s.n_complete, s.n_overdue) == (3, 1, 1)
    p = store.execute(con, "projects_list", as_of=D(2023, 4, 30), town_id="t2").set_index("project_id")
    assert list(p.index) == ["pr3", "pr2"] and p.loc["pr3", "is_overdue"] and p.loc["pr3", "execution_pct"] == 25


# ---- the plan's wording (issue 10 items 8-10) ------------------------------------------------
@pytest.fixture(scope="module")
def sample_con(sample_db):
    c = duckdb.connect(str(sample_db), read_only=True)
    yield c
    c.close()


def _year_status(c, year, as_of):
    tl = store.execute(c, "targets_list")
    ms = _measures(c, year=year, start=D(year - 1, 7, 1), end=D(year, 12, 1))
    return ms, targets.status_table(tl[tl["year"] == year], ms, as_of).set_index("target_id")


def test_s4_is_attainment_rising_year_on_year(sample_con):
    """S4 稳步提升: this year's rate against last year's, both shown. Sample, district-controlled
    section-months: 2022 113 of 120 attained (94.17 %), 2023 115 of 120 (95.83 %): +1.67 points."""
    ms, st = _year_status(sample_con, 2023, D(2023, 12, 31))
    s4 = st.loc["S4"]
    assert s4["measure"] == "district_attainment_rise" and s4["goal_value"] == 0 and s4["direction"] == "ge"
    assert s4["current"] == pytest.approx(100 * 115 / 120 - 100 * 113 / 120)
    assert (s4["part_1"], s4["part_2"]) == (pytest.approx(100 * 115 / 120), pytest.approx(100 * 113 / 120))
    assert s4["status"] == "met"
    assert targets.target_note(s4.to_dict(), "zh") == "本年截至当月达标率 95.8%，上年全年 94.2%"
    assert targets.target_note(s4.to_dict(), "en") == "rate this year so far 95.8 %, last year 94.2 %"


def test_u2_counts_blank_areas_and_direct_outfalls(sample_con):
    """U2: blank area ba06 (found 2023-09-05, still open) counts at the end of 2023 with the open
    domestic-sewage direct outfalls (recomputed from the sample files)."""
    from bishui import config

    end = D(2023, 12, 31)
    with open(config.SAMPLE_DIR / "outfalls.csv", encoding="utf-8") as fh:
        direct = sum(
            1
            for o in csv.DictReader(fh)
            if o["is_direct_sewage"] == "true"
            and D.fromisoformat(o["discovered_on"]) <= end
            and (D.fromisoformat(o["closed_on"]) > end if o["closed_on"] else o["status"] != "closed")
        )
    with open(config.SAMPLE_DIR / "network_blank_areas.csv", encoding="utf-8") as fh:
        blank = [
            a["area_id"]
            for a in csv.DictReader(fh)
            if D.fromisoformat(a["found_on"]) <= end and not (a["closed_on"] and D.fromisoformat(a["closed_on"]) <= end)
        ]
    assert blank == ["ba06"]
    ms, st = _year_status(sample_con, 2023, end)
    u2 = st.loc["U2"]
    assert u2["measure"] == "open_blank_areas_direct_outfalls"
    assert (u2["current"], u2["part_1"], u2["part_2"]) == (1 + direct, 1, direct)
    assert u2["status"] == "missed"
    assert targets.target_note(u2.to_dict(), "en") == f"1 blank areas, {direct} direct outfalls"


def test_basically_eliminate_tolerance_and_configured_requirement_are_said(sample_con):
    ms, st = _year_status(sample_con, 2023, D(2023, 12, 31))
    s1 = st.loc["S1"].to_dict()
    assert targets.target_note(s1, "zh") == "“基本消除”按本年劣Ⅴ类月数不超过 0 个月计（容许月数为目标设置，默认 0）"
    # the tolerance is the target's goal: a district that allows one month says so
    assert "at most 1 months" in targets.target_note({**s1, "goal_value": 1.0}, "en")
    r3 = st[st.index == "R3"].iloc[0].to_dict()
    assert targets.target_note(r3, "zh") == "70% 为配置值，代表省、市下达的要求"
    shown = targets.with_notes(st.reset_index(), "en").set_index("target_id")
    assert (
        shown.loc["R3", "title_en"]
        .iloc[0]
        .endswith("(70 % is a configured value standing for the province/city requirement)")
    )
    assert targets.target_note(st.loc["S3"].to_dict(), "en") == ""


def test_targets_page_says_tolerance_and_configured_requirement(fixture_db, use_db):
    """Issue 10 item 10 on the page: the target text carries S1's tolerance and R3's configured value."""
    from tests.apptest_helpers import app

    use_db(fixture_db)
    at = app({"lang": "en", "month": "2023-04"}, "pages/targets.py")
    assert not at.exception
    at.selectbox(key="tg_target").set_value("R3|t1").run()
    frames = [getattr(d.value, "data", d.value) for d in at.dataframe]
    table = next(f for f in frames if "Status" in f.columns).set_index("ID")
    assert table.loc["S1", "Target"].endswith(
        "(“basically no” means at most 0 months worse than class Ⅴ in the "
        "year (the tolerance is a target setting, 0 by default))"
    )
    assert all(
        t.endswith("(70 % is a configured value standing for the province/city requirement)")
        for t in table.loc[["R3"], "Target"]
    )
    assert any("70 % is a configured value" in c.value for c in at.caption)


def test_task_matrix_shows_the_status_measured_from_data(db):
    """A task measured from data (a task_status_<n> macro added to task_data_status) shows that status
    and its evidence beside the status reported in words; tasks only reported in words show none."""
    from bishui.views import plan_views as pv

    con = duckdb.connect(str(db))
    con.execute("""CREATE OR REPLACE MACRO task_data_status(as_of) AS TABLE
                   SELECT 4 AS task_no, 'missed' AS data_status, '2个水体未消除' AS evidence_zh,
                          '2 bodies still open' AS evidence_en, as_of::DATE AS measured_through""")
    m = store.execute(con, "task_matrix", as_of=D(2023, 4, 30), town_id=None, units=[]).set_index("task_no")
    con.close()
    assert m.loc[4, "data_status"] == "missed" and m.loc[4, "status"] == "blocked"
    assert str(m.loc[4, "data_measured_through"])[:10] == "2023-04-30"
    assert pd.isna(m.loc[1, "data_status"])
    shown = pv.task_matrix_table(m.reset_index(), {}, "en").set_index("tk_no")
    assert shown.loc[4, "tk_data_status"] == "Missed" and shown.loc[4, "tk_evidence"] == "2 bodies still open"
    assert shown.loc[1, "tk_data_status"] == "" and shown.loc[1, "tk_evidence"] == ""
    zh = pv.task_matrix_table(m.reset_index(), {}, "zh").set_index("tk_no")
    assert zh.loc[4, "tk_evidence"] == "2个水体未消除"
