"""One definition per status rule (issue 10 item 19): every overview card equals the figure its detail
page shows, for every month of the sample and of a fixture with edge rows (an outfall and a water
body recorded closed with no closing date, a pipe recorded separated with no date); the target
measures count the same things."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil

import duckdb
import pandas as pd
import pytest

from bishui.db import store, warehouse
from tests.conftest import FIXTURE_DIR

D = dt.date


@pytest.fixture(scope="module")
def edge_db(tmp_path_factory):
    src = tmp_path_factory.mktemp("edge_src")
    data = src / "district"
    shutil.copytree(FIXTURE_DIR, data)

    def append(name, row):
        with open(data / name, encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        with open(data / name, "a", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerow([row.get(h, "") for h in header])

    # recorded closed, no closed_on: closed at every date (the ledger says so)
    append(
        "outfalls.csv",
        dict(
            outfall_id="o_edge",
            name_zh="边界直排口",
            category="other",
            sub_type="urban_scattered",
            river_id="r1",
            town_id="t1",
            lon="116.03",
            lat="36.422",
            status="closed",
            remediation="ban",
            approval_state="none",
            is_direct_sewage="true",
            responsible_unit="甲街道",
            discovered_on="2023-01-15",
            traced_on="2023-01-20",
            rectification_deadline="2023-02-10",
        ),
    )
    append(
        "water_bodies.csv",
        dict(
            body_id="b_edge",
            name_zh="边界沟",
            name_en="Edge ditch",
            kind="urban",
            town_id="t1",
            status="closed",
            found_on="2023-01-03",
            rectify_started_on="2023-01-10",
            length_m="100",
            lon="116.02",
            lat="36.44",
        ),
    )
    append(
        "water_bodies.csv",
        dict(
            body_id="b_rural_open",
            name_zh="边界村沟",
            name_en="Edge village ditch",
            kind="rural",
            town_id="t2",
            status="found",
            found_on="2023-02-03",
            length_m="100",
            lon="116.07",
            lat="36.41",
        ),
    )
    pipes = json.loads((data / "pipes.geojson").read_text(encoding="utf-8"))
    edge = json.loads(json.dumps(pipes["features"][0]))
    edge["properties"].update(
        pipe_id="pp_edge",
        kind="sewage",
        retrofit_status="done",
        retrofit_started_on="2023-01-02",
        separated_on=None,
        length_m=50.0,
    )
    pipes["features"].append(edge)
    (data / "pipes.geojson").write_text(json.dumps(pipes, ensure_ascii=False), encoding="utf-8")
    path = tmp_path_factory.mktemp("edge") / "edge.duckdb"
    warehouse.build(path, data)
    return path


def _q(con, name, **params) -> pd.DataFrame:
    return store.execute(con, name, **params)


def _months(con) -> list[dt.date]:
    lo, hi = con.execute("SELECT min(sampled_on), max(sampled_on) FROM readings").fetchone()
    return [d.date() for d in pd.date_range(pd.Timestamp(lo).replace(day=1), hi, freq="MS")]


INVENTORY_ALL = dict(
    town_id=None,
    river_ids=None,
    categories=None,
    sub_types=None,
    outfall_statuses=None,
    approval_states=None,
    exceeded_months=None,
)


def _check_month(con, month: dt.date, town_id=None):
    month_end = (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()
    card = _q(con, "overview_sources", month=month, town_id=town_id).iloc[0]
    inv = _q(con, "outfall_inventory", month=month, **{**INVENTORY_ALL, "town_id": town_id})
    open_inv = inv[inv["status"] != "closed"]
    direct = _q(con, "outfall_direct_open", month=month, town_id=town_id)
    segs = _q(con, "pipe_segments", month=month, town_id=town_id, pipe_kinds=None, retrofit_statuses=None)
    combined = segs[segs["kind"] == "combined"]
    progress = _q(con, "pipe_separation_progress", start=month, end=month, town_id=town_id)
    blank = _q(con, "pipe_blank_areas", month=month, town_id=town_id)
    bodies = _q(con, "black_odorous_bodies", as_of=month_end, window_days=31, town_id=town_id)
    open_bodies = bodies[bodies["is_open"]]
    history = _q(con, "black_odorous_open_monthly", start=month, end=month, town_id=town_id).set_index("kind")
    where = f"{month} {town_id}"
    # outfalls page
    assert card.open_outfalls == len(open_inv), where
    assert card.overdue_outfalls == int(inv["is_overdue"].sum()), where
    # pipes page: direct outfalls, blank areas, combined pipe (cards and map)
    assert card.open_direct_outfalls == len(direct) == int(open_inv["is_direct_sewage"].sum()), where
    assert card.open_blank_areas == int(blank["is_open"].sum()), where
    assert card.combined_segments == len(combined) == int(progress["combined_segments"].sum()), where
    assert card.combined_pipe_km == pytest.approx(combined["length_m"].sum() / 1000), where
    assert card.combined_pipe_km == pytest.approx(float(progress["combined_km"].sum())), where
    # water-bodies page (urban and rural apart, as the overview shows them)
    for kind in ("urban", "rural"):
        n = int((open_bodies["kind"] == kind).sum())
        assert card[f"open_black_odorous_{kind}"] == n == history.loc[kind, "n_open"], (where, kind)
    assert card.open_black_odorous == len(open_bodies), where


def _check_measures(con, months: list[dt.date]):
    """The target measures count what the cards count, month by month (district totals)."""
    year = months[-1].year
    m = _q(con, "target_measures", year=year, start=months[0], end=months[-1], town_id=None, now=dt.date(2026, 12, 3))
    kinds = con.execute("SELECT target_id, split_part(measure, ':', 1) FROM targets WHERE year = ?", [year]).fetchall()
    by_kind = {k: t for t, k in kinds}
    for month in months:
        card = _q(con, "overview_sources", month=month, town_id=None).iloc[0]
        got = m[(m["town_id"] == "") & (pd.to_datetime(m["month"]).dt.date == month)].set_index("target_id")["value"]
        if "combined_pipe_km" in by_kind:
            assert got[by_kind["combined_pipe_km"]] == pytest.approx(card.combined_pipe_km), month
        if "open_black_odorous_urban" in by_kind:
            assert got[by_kind["open_black_odorous_urban"]] == card.open_black_odorous_urban, month
        if "open_blank_areas_direct_outfalls" in by_kind:
            assert got[by_kind["open_blank_areas_direct_outfalls"]] == card.open_blank_areas + card.open_direct_outfalls
        if "open_direct_outfalls" in by_kind:
            assert got[by_kind["open_direct_outfalls"]] == card.open_direct_outfalls, month


def test_cards_equal_detail_pages_on_the_edge_fixture(edge_db):
    con = duckdb.connect(str(edge_db), read_only=True)
    try:
        months = _months(con)
        for month in months:
            for town in (None, "t1", "t2"):
                _check_month(con, month, town)
        # hand-worked: 2023-04, the outfall recorded closed with no date is not open anywhere
        card = _q(con, "overview_sources", month=D(2023, 4, 1), town_id=None).iloc[0]
        inv = _q(con, "outfall_inventory", month=D(2023, 4, 1), **INVENTORY_ALL).set_index("outfall_id")
        assert inv.loc["o_edge", "status"] == "closed" and not inv.loc["o_edge", "is_overdue"]
        assert (card.open_black_odorous_urban, card.open_black_odorous_rural) == (1, 2)  # b3 urban; b2, b_rural_open
        segs = _q(
            con, "pipe_segments", month=D(2023, 4, 1), town_id=None, pipe_kinds=None, retrofit_statuses=None
        ).set_index("pipe_id")
        assert segs.loc["pp_edge", ["kind", "retrofit_status"]].tolist() == ["sewage", "done"]
        _check_measures(con, [m for m in months if m.year == months[-1].year])
    finally:
        con.close()


def test_cards_equal_detail_pages_on_the_sample(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        months = _months(con)
        for month in months:
            _check_month(con, month)
        for year in (2023, 2024, 2025):
            _check_measures(con, [m for m in months if m.year == year])
    finally:
        con.close()


def test_overview_shows_urban_and_rural_black_odorous_apart(edge_db, use_db):
    """Issue 10 item 11: the card is about urban bodies (U3); rural ones are shown apart. Edge fixture,
    2023-04: urban b3 open (b1 and b_edge closed), rural b2 and b_rural_open open."""
    from tests.apptest_helpers import app

    use_db(edge_db)
    at = app({"month": "2023-04", "lang": "en"})
    card = [m for m in at.metric if m.label == "Urban black-odorous"][0]
    assert card.value == "1" and card.proto.delta == "Rural: 2 more"
    outfalls = [m for m in at.metric if m.label == "Outfalls not closed out"][0]
    assert outfalls.value == "3"  # o1, o2, o4; o3 closed 2023-01-15, o_edge recorded closed (no date)


def test_a_warehouse_without_the_macros_gets_them_when_re_evaluated(tmp_path):
    """A warehouse built by a version before the status macros: its evaluation fingerprint differs, so
    the app re-evaluates it in place, which re-creates the macros the pages now need."""
    path = tmp_path / "old.duckdb"
    warehouse.build(path, FIXTURE_DIR)
    con = duckdb.connect(str(path))
    for name in ("outfalls_as_of", "pipes_as_of", "water_bodies_as_of", "blank_areas_as_of", "exceedance_key"):
        con.execute(f"DROP MACRO {'TABLE ' if name.endswith('_of') else ''}{name}")
    con.execute("UPDATE warehouse_meta SET value = 'old' WHERE key = 'evaluation_fingerprint'")
    con.close()
    assert warehouse.stale_evaluation(path)
    assert warehouse.reevaluate(path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert _q(con, "overview_sources", month=D(2023, 4, 1), town_id=None).iloc[0].open_outfalls == 3
    finally:
        con.close()
