"""Source tracing (溯源) on hand-built rivers (tests/fixtures/tracing/, see its README): the km of every
object, the reach of every section, and the candidates and their order for each kind of miss.

Hand-worked numbers: along 36.40°N 0.01° of longitude is 0.897 km (WGS-84 parallel, UTM scale
0.9997), 0.01° of latitude 1.110 km. main is drawn from its mouth, so km = (lon - 116.00) / 0.01 x 0.897.
Scores (bishui.rules.tracing): measured ratio x flow weight x 0.5 ** (age days / 365); presumptions 1.0,
never monitored 0.5; upstream = upstream value / target limit (1.0 mg/L NH3-N, class III)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import pytest

from bishui.rules import tracing
from bishui.db import tracing_data

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "tracing"
KM = 0.897  # per 0.01° of longitude at 36.40°N
KM_LAT = 1.1096  # per 0.01° of latitude


@pytest.fixture(scope="module")
def tracing_db(tmp_path_factory) -> Path:
    from bishui.db import warehouse

    path = tmp_path_factory.mktemp("tracing") / "tracing.duckdb"
    warehouse.build(path, FIX)
    return path


@pytest.fixture
def con(tracing_db):
    c = duckdb.connect(str(tracing_db), read_only=True)
    yield c
    c.close()


def _network(drawn_main="upstream"):
    g = gpd.read_file(FIX / "rivers.geojson")
    rivers = pd.DataFrame({"river_id": g["river_id"], "geom": list(g.geometry)})
    rivers["flows_into_id"] = rivers["river_id"].map({"trib": "main"})
    rivers["confluence_km"] = None
    rivers["line_drawn"] = rivers["river_id"].map({"main": drawn_main, "trib": "downstream"})
    return tracing.build_network(rivers)


def _sections():
    s = pd.read_csv(FIX / "sections.csv")
    return pd.DataFrame(
        {
            "kind": "section",
            "object_id": s["section_id"],
            "river_id": s["river_id"],
            "lon": s["lon"],
            "lat": s["lat"],
            "km_imported": None,
            "river_imported": None,
        }
    )


def test_km_from_the_geometry_follows_the_drawing_direction():
    net = _network()
    assert net.rivers["main"].length_km == pytest.approx(10 * KM, abs=0.01)
    assert net.rivers["trib"].length_km == pytest.approx(5 * KM_LAT, abs=0.01)
    # the tributary's mouth projected onto main: the confluence at 116.05
    assert net.rivers["trib"].confluence_km == pytest.approx(5 * KM, abs=0.01)
    km = tracing.locate(net, _sections()).set_index("object_id")["km"]
    assert km["sa"] == pytest.approx(1 * KM, abs=0.01)
    assert km["sb"] == pytest.approx(3 * KM, abs=0.01)
    assert km["sc"] == pytest.approx(8 * KM, abs=0.01)
    assert km["st"] == pytest.approx(2 * KM_LAT, abs=0.01)
    # the same line read as drawn from the source puts A near the other end
    flipped = tracing.locate(_network("downstream"), _sections()).set_index("object_id")["km"]
    assert flipped["sa"] == pytest.approx(9 * KM, abs=0.01)


def test_objects_without_a_river_snap_to_the_nearest_line_and_imported_km_wins():
    net = _network()
    places = pd.DataFrame(
        [
            {
                "kind": "plant",
                "object_id": "p1",
                "river_id": None,
                "lon": 116.07,
                "lat": 36.402,
                "km_imported": None,
                "river_imported": None,
            },
            {
                "kind": "blank_area",
                "object_id": "far",
                "river_id": None,
                "lon": 116.2,
                "lat": 36.5,
                "km_imported": None,
                "river_imported": None,
            },
            {
                "kind": "black_odorous",
                "object_id": "wb1",
                "river_id": None,
                "lon": 116.2,
                "lat": 36.5,
                "km_imported": 1.0,
                "river_imported": "trib",
            },
        ]
    )
    out = tracing.locate(net, places).set_index("object_id")
    assert out.loc["p1", "river_id"] == "main" and out.loc["p1", "km_source"] == "snapped"
    assert out.loc["p1", "km"] == pytest.approx(7 * KM, abs=0.01)
    assert pd.isna(out.loc["far", "river_id"]) and pd.isna(out.loc["far", "km"])  # beyond SNAP_M
    assert (out.loc["wb1", "river_id"], out.loc["wb1", "km"], out.loc["wb1", "km_source"]) == ("trib", 1.0, "imported")


def test_reaches_stop_at_the_next_sections_upstream_and_follow_tributaries():
    net = _network()
    secs = tracing.locate(net, _sections())
    c = tracing.reach(net, secs, "sc")
    assert c.upstream_sections == ["sb", "st"]
    (m, t) = c.stretches
    assert (m.river_id, m.lo_km, m.hi_km) == ("main", pytest.approx(3 * KM, abs=0.01), pytest.approx(8 * KM, abs=0.01))
    assert (t.river_id, t.lo_km, t.hi_km) == (
        "trib",
        pytest.approx(2 * KM_LAT, abs=0.01),
        pytest.approx(5 * KM_LAT, abs=0.01),
    )
    assert t.to_section_km == pytest.approx(3 * KM, abs=0.01)  # confluence (116.05) down to C (116.08)
    # a point on the tributary just above its mouth is 3 x 0.897 km (+ a little) from C along the water
    assert c.distance_km("trib", 5 * KM_LAT - 0.1) == pytest.approx(3 * KM + 0.1, abs=0.01)
    assert c.stretch_of("main", 3 * KM) is None or c.stretch_of("main", 3 * KM).lo_km < 3 * KM
    a = tracing.reach(net, secs, "sa")
    assert a.upstream_sections == [] and a.stretches[0].lo_km == -math.inf
    b = tracing.reach(net, secs, "sb")
    assert b.upstream_sections == ["sa"] and [s.river_id for s in b.stretches] == ["main"]  # no tributary joins A..B
    t_reach = tracing.reach(net, secs, "st")
    assert t_reach.upstream_sections == [] and [s.river_id for s in t_reach.stretches] == ["trib"]


def test_a_tributary_without_sections_is_followed_to_its_start():
    net = _network()
    secs = tracing.locate(net, _sections())
    secs = secs[secs["object_id"] != "st"]
    c = tracing.reach(net, secs, "sc")
    assert c.upstream_sections == ["sb"]
    assert c.stretches[1].river_id == "trib" and c.stretches[1].lo_km == -math.inf


def test_scores():
    assert tracing.age_decay(dt.date(2024, 1, 10), dt.date(2024, 1, 31)) == pytest.approx(0.5 ** (21 / 365))
    assert tracing.age_decay(dt.date(2023, 1, 31), dt.date(2024, 1, 31)) == pytest.approx(0.5 ** (365 / 365))
    assert tracing.flow_weight(None) == 1 and tracing.flow_weight(100) == 0.5 and tracing.flow_weight(1500) == 1.5
    assert tracing.flow_weight(90000) == 2.0
    assert tracing.multiple(6.0, 1.5) == 4.0 and tracing.multiple(2.0, 5.0, "ge") == 2.5
    assert tracing.multiple(None, 1.0) is None and tracing.multiple(7.0, 9.0, "range") is None


def _trace(con, section_id, month, **kw):
    return tracing_data.trace(section_id, dt.date.fromisoformat(month + "-01"), lang="en", con=con, **kw)


def _order(t):
    return [(r.kind, r.id, round(r.score, 4)) for r in t.candidates.itertuples()]


def test_the_km_of_each_object_in_the_warehouse(con):
    _, positions = tracing_data.network_and_positions(con)
    p = positions.set_index("object_id")
    assert p.loc["o1", "km"] == pytest.approx(6 * KM, abs=0.01)
    assert p.loc["o2", "km"] == pytest.approx(4 * KM_LAT, abs=0.01)  # trib at 36.41
    assert p.loc["p1", "km"] == pytest.approx(7 * KM, abs=0.01)
    assert p.loc["ov1", "km"] == pytest.approx(2 * KM, abs=0.01)
    assert p.loc["ba1", "km"] == pytest.approx(2.5 * KM, abs=0.01)
    assert p.loc["wb1", "km"] == 1.0 and p.loc["wb1", "km_source"] == "imported"
    # a trace's places: the sections and the objects open in the month inside the reach only
    t = _trace(con, "sc", "2024-01")
    shown = t.places.set_index("object_id")
    assert "o3" in p.index and "o3" not in shown.index  # closed before the month
    assert {"o1", "o2", "p1"} <= set(shown.index) and "ov1" not in shown.index  # ov1 lies below sc
    assert shown.loc["o1", "km"] == pytest.approx(6 * KM, abs=0.01)


def test_outfall_culprit(con):
    t = _trace(con, "sc", "2024-01")
    assert t.parameters == ["nh3n"] and t.is_miss and t.explained
    assert _order(t) == [
        ("outfall", "o1", round(4.0 * 0.5 ** (21 / 365), 4)),  # 6.0 / 1.5, inspected 21 days before 31 Jan
        ("upstream", "sb", 0.6),
        ("outfall", "o2", 0.5),  # never monitored
        ("plant", "p1", 0.4),  # 1.0 / 5 (1A at 15 °C) x flow weight 2
        ("upstream", "st", 0.3),
    ]
    row = t.candidates.iloc[0]
    assert row["distance_km"] == pytest.approx(2 * KM, abs=0.01) and row["river_id"] == "main"
    assert "2024-01-10" in row["evidence"] and "ratio 4" in row["evidence"]
    assert "Ammonia nitrogen (NH3-N) 6, limit 1.5" in row["evidence"]  # the parameter's name, not its code
    assert "would meet its target" in t.candidates.iloc[1]["evidence"]


def test_plant_month(con):
    t = _trace(con, "sc", "2024-02")
    assert _order(t) == [
        ("plant", "p1", 3.6),  # 9.0 / 5 x 2
        ("outfall", "o1", round(0.6 * 0.5 ** (24 / 365), 4)),  # 0.9 / 1.5 on 5 Feb
        ("upstream", "sb", 0.5),  # ties with o2: upstream first
        ("outfall", "o2", 0.5),
        ("upstream", "st", 0.3),
    ]
    assert "load rate 80%" in t.candidates.iloc[0]["evidence"]


def test_upstream_inflow(con):
    t = _trace(con, "sc", "2024-03")
    assert _order(t)[0] == ("upstream", "st", 2.5)
    assert [k for k, _, _ in _order(t)] == ["upstream", "outfall", "upstream", "outfall", "plant"]
    assert "would miss even without the increment" in t.candidates.iloc[0]["evidence"]
    assert t.candidates.iloc[0]["distance_km"] == pytest.approx(3 * KM_LAT + 3 * KM, abs=0.01)


def test_overflow_and_blank_area(con):
    t = _trace(con, "sb", "2024-04")
    assert _order(t) == [("overflow", "ov1", 1.0), ("blank_area", "ba1", 1.0), ("upstream", "sa", 0.4)]
    assert t.explained


def test_nothing_known_suggests_a_survey(con):
    t = _trace(con, "sa", "2024-05")
    assert t.is_miss and not t.explained and t.candidates.empty
    assert "survey the reach" in t.message and "main km 0–0.90" in t.message
    zh = tracing_data.trace("sa", dt.date(2024, 5, 1), lang="zh", con=con)
    assert "排查" in zh.message


def test_a_section_that_met_its_target_has_nothing_to_trace(con):
    t = _trace(con, "sc", "2024-04")
    assert not t.is_miss and t.candidates.empty and "met its target" in t.message
    # an explicit parameter still lists what is there
    assert not _trace(con, "sc", "2024-04", parameter="nh3n").candidates.empty


def test_cli_writes_the_ranked_candidates(tracing_db, use_db, tmp_path, capsys):
    from bishui.tools import cli

    use_db(tracing_db)
    out = tmp_path / "trace.csv"
    assert cli.main(["trace", "--section", "sc", "--month", "2024-02", "-o", str(out), "--lang", "en"]) == 0
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())  # opens in Chinese Excel
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df.columns) == tracing.COLUMNS
    assert list(zip(df["rank"], df["kind"], df["id"])) == [
        (1, "plant", "p1"),
        (2, "outfall", "o1"),
        (3, "upstream", "sb"),
        (4, "outfall", "o2"),
        (5, "upstream", "st"),
    ]
    assert "Candidates ranked by score" in capsys.readouterr().err
    # standard output and the survey verdict for a miss nothing explains
    assert cli.main(["trace", "--section", "sa", "--month", "2024-05", "--parameter", "nh3n"]) == 0
    captured = capsys.readouterr()
    import io

    empty = pd.read_csv(io.StringIO(captured.out))
    assert list(empty.columns) == tracing.COLUMNS and empty.empty
    assert "排查" in captured.err


def test_cli_rejects_an_unknown_section_and_a_bad_month(tracing_db, use_db, capsys):
    from bishui.tools import cli

    use_db(tracing_db)
    assert cli.main(["trace", "--section", "nope", "--month", "2024-02", "--lang", "en"]) == 2
    assert "No section nope" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["trace", "--section", "sc", "--month", "2024-13"])


@pytest.mark.parametrize(
    "section_id, month, kind, culprit",
    [
        ("liaowei", "2025-08", "outfall", "tuhai-hux-039"),  # an outfall over its limit in the reach
        ("yuji_qiao", "2023-08", "plant", "yuji_wwtp"),  # the plant's TP that month
        ("liuji_zha", "2023-08", "blank_area", "ba05"),  # untreated sewage of a blank area
        ("cuizhuang", "2021-02", "overflow", "zhouzhuang_overflow"),  # a combined-sewer overflow point
        ("liaowei", "2022-07", "upstream", "qilipu"),  # came in from upstream
    ],
)
def test_the_sample_tells_a_traceable_story(sample_db, section_id, month, kind, culprit):
    c = duckdb.connect(str(sample_db), read_only=True)
    try:
        t = _trace(c, section_id, month)
    finally:
        c.close()
    assert t.is_miss and t.explained
    top = t.candidates.iloc[0]
    assert (top["kind"], top["id"]) == (kind, culprit)


def test_the_sample_has_a_miss_nothing_explains(sample_db):
    c = duckdb.connect(str(sample_db), read_only=True)
    try:
        t = _trace(c, "huxi_zha", "2021-03")
    finally:
        c.close()
    assert t.is_miss and not t.explained and t.candidates.empty and "survey" in t.message
    assert [s.river_id for s in t.reach.stretches] == ["tuhai"] and t.reach.upstream_sections == []


def test_the_sample_river_network_joins_the_tributaries(sample_db):
    c = duckdb.connect(str(sample_db), read_only=True)
    try:
        lz = _trace(c, "liangzhuang", "2024-07")
        yj = _trace(c, "yuji_qiao", "2023-07")
    finally:
        c.close()
    assert [s.river_id for s in lz.reach.stretches] == ["tuhai", "zhaowang"]
    assert lz.reach.upstream_sections == ["liaowei", "yuji_qiao"]
    assert [s.river_id for s in yj.reach.stretches] == ["zhaowang", "yangjiao"]
    assert yj.reach.upstream_sections == ["zhangzhuang", "zlz_zha"]


def test_stretch_lines_come_back_in_lon_lat():
    net = _network()
    c = tracing.reach(net, tracing.locate(net, _sections()), "sc")
    (r1, main), (r2, trib) = tracing.stretch_lines(net, c)
    assert (r1, r2) == ("main", "trib")
    assert main[0] == pytest.approx((116.03, 36.40), abs=1e-4) and main[-1] == pytest.approx((116.08, 36.40), abs=1e-4)
    assert trib[0] == pytest.approx((116.05, 36.43), abs=1e-4) and trib[-1] == pytest.approx((116.05, 36.40), abs=1e-4)


def test_the_page_traces_the_miss_named_in_the_url(tracing_db, use_db):
    from tests.apptest_helpers import app, texts

    use_db(tracing_db)
    at = app({"lang": "en", "month": "2024-01", "section": "sc"}, "pages/tracing.py")
    assert not at.exception, [e.value for e in at.exception]
    assert "Reach traced: main km 2.69–7.17; trib km 2.22–5.55" in texts(at).replace("\\", "")  # md-escaped
    table = at.dataframe[0].value
    assert list(table["Kind"]) == ["Outfall", "Upstream inflow", "Outfall", "Treatment plant", "Upstream inflow"]
    assert list(table["ID"]) == ["o1", "sb", "o2", "p1", "st"]
    assert at.get("component_instance"), "the reach map is shown"
    assert "Score = exceedance ratio" in texts(at).replace("\\", "")


def test_the_page_says_when_nothing_explains_the_miss(tracing_db, use_db):
    from tests.apptest_helpers import app, texts

    use_db(tracing_db)
    at = app({"lang": "zh", "month": "2024-05", "section": "sa"}, "pages/tracing.py")
    assert not at.exception, [e.value for e in at.exception]
    assert "建议对该河段开展排查" in texts(at)
    assert "河段内没有已知的候选来源" in texts(at)


def test_the_overview_misses_link_to_tracing(tracing_db, use_db):
    from tests.apptest_helpers import app

    use_db(tracing_db)
    at = app({"lang": "en", "month": "2024-01"})
    assert not at.exception, [e.value for e in at.exception]
    tables = [d.value for d in at.dataframe if "Trace" in d.value.columns]
    assert len(tables) == 1
    assert list(tables[0]["Trace"]) == ["tracing?section=sc&month=2024-01&lang=en"]


def test_the_section_trends_table_links_each_missed_month_to_tracing(tracing_db, use_db):
    from tests.apptest_helpers import app

    use_db(tracing_db)
    at = app(
        {"lang": "en", "month": "2024-02", "sections": "sc", "params": "nh3n", "range": "2024-01-01,2024-02-29"},
        "pages/sections.py",
    )
    assert not at.exception, [e.value for e in at.exception]
    tables = [d.value for d in at.dataframe if "Trace" in d.value.columns]
    assert len(tables) == 1
    links = dict(zip(tables[0]["Month"], tables[0]["Trace"]))
    assert links == {
        "2024-01": "tracing?section=sc&month=2024-01&lang=en",
        "2024-02": "tracing?section=sc&month=2024-02&lang=en",
    }


def test_candidates_link_to_the_outfall_file_the_plant_and_the_section():
    m = dt.date(2024, 1, 1)
    assert (
        tracing_data.file_link("outfall", "o1&x=<b>", m, "zh")
        == "outfalls?outfall=o1%26x%3D%3Cb%3E&month=2024-01&lang=zh"
    )
    assert tracing_data.file_link("plant", "p1", m, "en") == "plants?plants=p1&month=2024-01&lang=en"
    assert tracing_data.file_link("upstream", "sb", m, "en") == "sections?sections=sb&month=2024-01&lang=en"
    assert tracing_data.file_link("blank_area", "ba1", m, "en") == "pipes?month=2024-01&lang=en"
    assert tracing_data.file_link("black_odorous", "wb1", m, "zh") == "water_bodies?body=wb1&month=2024-01&lang=zh"
    assert tracing_data.file_link("other", "x", m, "zh") is None


def test_the_map_shows_names_as_text(con):
    from bishui.views import figures_tracing, maps

    t = _trace(con, "sc", "2024-01")
    cands = t.candidates.copy()
    cands.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    rivers = tracing_data.execute(con, "trace_rivers")
    rivers["geom"] = rivers["geom_wkb"].map(tracing_data.geom_from_wkb)
    html = maps.html_document(figures_tracing.reach_map(t.network, t.reach, rivers, t.places, cands, "sc", "en"))
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_warehouse_built_before_the_river_network_says_rebuild(tracing_db, use_db, tmp_path, capsys):
    import shutil

    from bishui.tools import cli
    from tests.apptest_helpers import app, texts

    old = tmp_path / "old.duckdb"
    shutil.copyfile(tracing_db, old)
    c = duckdb.connect(str(old))
    c.execute("DROP TABLE river_network")
    c.close()
    use_db(old)
    at = app({"lang": "en", "month": "2024-01", "section": "sc"}, "pages/tracing.py")
    assert not at.exception, [e.value for e in at.exception]
    assert "rebuild it" in texts(at)
    assert cli.main(["trace", "--section", "sc", "--month", "2024-01", "--lang", "en"]) == 2
    assert "rebuild it" in capsys.readouterr().err


def test_a_miss_is_traced_only_for_concentrations_sources_add():
    """The tracing page's parameter list: graded as worse when higher; never pH (a range), DO,
    transparency (worse when lower) or temperature."""
    params = pd.read_csv(ROOT / "data" / "reference" / "parameters.csv")
    codes = set(tracing.traceable_parameters(params)["code"])
    assert {"codmn", "nh3n", "tp"} <= codes
    assert not codes & {"water_temp", "ph", "do", "transparency", "orp", "chla"}
