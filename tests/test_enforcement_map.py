"""The enforcement page's map (plan task 6): the pollution sources coloured by the state of their cases,
the responsible unit and the case facts in the tooltip (escaped), sources without coordinates left out
and named, and the empty state. Worked by hand from tests/fixtures/enforcement/ (see its README) at
2024-06-30, the end of the month the page shows:
  e1 chemical works: k1 closed 04-10 (late), k4 of 2023 closed    -> closed
  e2 farm:           k2 open past its deadline 05-31 (30 days)     -> overdue
  e3 hospital:       no case                                       -> none
  e4 pump station:   k3 closed 06-15, but no coordinates           -> not on the map
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from bishui.views import enforcement_map as em, geo, maps
from bishui.db import store
from tests.apptest_helpers import app

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2024, 6, 30)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The district fixture with the enforcement overlay, and one reading in 2024-06 so that the page's
    month picker offers that month."""
    from bishui.db import warehouse

    src = tmp_path_factory.mktemp("enf_map_src")
    for name in ("district", "enforcement"):
        for p in (ROOT / "tests" / "fixtures" / name).iterdir():
            shutil.copy(p, src / p.name)
    with open(src / "readings.csv", "a", encoding="utf-8") as fh:
        fh.write("s_f1,nh3n,2024-06-12,,0.5,manual\n")
    path = tmp_path_factory.mktemp("enf_map") / "w.duckdb"
    warehouse.build(path, src)
    return path


def _frames(path: Path, as_of: dt.date = AS_OF):
    con = duckdb.connect(str(path), read_only=True)
    try:
        params = {"as_of": as_of, "town_id": None, "kinds": None}
        return store.execute(con, "enforcement_sources_list", **params), store.execute(
            con, "enforcement_cases_list", **params
        )
    finally:
        con.close()


def test_each_source_takes_the_worst_state_of_its_cases(built):
    sources, cases = _frames(built)
    states = em.source_states(sources, cases, "en").set_index("source_id")
    assert states["state"].to_dict() == {"e2": "overdue", "e1": "closed", "e3": "none"}  # e4: no coordinates
    tip = states.loc["e2", "tip"]
    assert tip.startswith(f'<div style="{em.TIP_STYLE}"><b>Farm B</b><br>Large farm · ')
    assert "Responsible unit: Town Two" in tip and "1 case(s): 1 open, 1 overdue" in tip
    assert "Filed 2024-03-05: Manure overflow; deadline 2024-05-31; Overdue 30 days (Town Two)" in tip
    assert "No case filed by the date" in states.loc["e3", "tip"]
    # a closed source shows its latest case only
    assert "Filed 2024-02-10: Wastewater discharged untreated" in states.loc["e1", "tip"]
    assert "2023-05-01" not in states.loc["e1", "tip"]
    zh = em.source_states(sources, cases, "zh").set_index("source_id")
    assert "责任单位：乙镇" in zh.loc["e2", "tip"] and "2024-03-05 立案：粪污溢流" in zh.loc["e2", "tip"]
    # at 2024-03-20 k2 was open within its deadline and e3 had no case: open / none
    early = em.source_states(*_frames(built, dt.date(2024, 3, 20)), "en").set_index("source_id")
    assert early.loc["e2", "state"] == "open" and early.loc["e1", "state"] == "open"


def test_strings_from_the_warehouse_are_escaped_in_the_tooltip(built):
    sources, cases = _frames(built)
    sources.loc[sources["source_id"] == "e2", "name_en"] = '<img src=x onerror="alert(1)">'
    cases.loc[cases["case_id"] == "k2", "problem_en"] = "<script>alert(2)</script>"
    sources.loc[sources["source_id"] == "e2", "responsible_unit_en"] = "A & B"
    tip = em.source_states(sources, cases, "en").set_index("source_id").loc["e2", "tip"]
    assert "<img" not in tip and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in tip
    assert "<script>" not in tip and "&lt;script&gt;" in tip and "A &amp; B" in tip
    fc = geo.point_features(em.source_states(sources, cases, "en"), em.PROPS)
    m = em.sources_map(
        fc,
        rivers=geo.feature_collection([]),
        towns=geo.feature_collection([]),
        town_labels=None,
        date_label="2024-06-30",
        ctx=maps.MapContext(lang="en"),
    )
    assert "<script>alert(2)" not in maps.html_document(m)


def test_the_map_layer_and_legend(built):
    sources, cases = _frames(built)
    fc = geo.point_features(em.source_states(sources, cases, "zh"), em.PROPS)
    m = em.sources_map(
        fc,
        rivers=geo.feature_collection([]),
        towns=geo.feature_collection([]),
        town_labels=None,
        date_label="2024-06-30",
        ctx=maps.MapContext(lang="zh"),
    )
    layer = maps.vector_layers(m)[-1]
    assert layer.n_features == 3
    assert [em.STATES[r["c"]] for r in layer.rows()] == ["none", "closed", "overdue"]  # worst on top
    assert layer.options["palette"] == ["#d7191c", "#f2a600", "#1a9850", "#9e9e9e"]
    html = maps.html_document(m)
    assert "污染源案件状态（截至 2024-06-30）" in html and "有逾期未整改案件" in html and "无立案" in html


def _layers(component) -> list[tuple[dict, dict]]:
    """The (data, options) of every bishuiLayer call in a map component's script."""
    script = json.loads(component.proto.json_args)["script"]
    decoder, out, at = json.JSONDecoder(), [], 0
    while (at := script.find("bishuiLayer(", at)) >= 0:
        at += len("bishuiLayer(")
        if not script[at] == "{":
            continue  # the helper's definition
        data, end = decoder.raw_decode(script, at)
        options, _ = decoder.raw_decode(script, script.index("{", end))
        out.append((data, options))
    return out


@pytest.mark.parametrize("lang, missing", [("zh", "乙泵站"), ("en", "Pump station B")])
def test_the_page_draws_the_sources(built, use_db, lang, missing):
    use_db(built)
    at = app({"lang": lang, "month": "2024-06"}, "pages/enforcement.py")
    assert not at.exception, [e.value for e in at.exception]
    maps_drawn = at.get("component_instance")
    assert len(maps_drawn) == 1
    layers = _layers(maps_drawn[0])
    sources = [d for d, o in layers if o["palette"] == [em.STATE_COLORS[s] for s in em.STATES]]
    assert len(sources) == 1 and len(sources[0]["g"]) == 3
    assert sorted(em.STATES[c] for c in sources[0]["c"]) == ["closed", "none", "overdue"]
    assert any(missing in c.value for c in at.caption)  # the source without coordinates is named


def test_the_page_says_when_no_source_has_coordinates(built, use_db, tmp_path):
    path = tmp_path / "w.duckdb"
    shutil.copyfile(built, path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE pollution_sources SET lon = NULL, lat = NULL")
    con.close()
    use_db(path)
    at = app({"lang": "en", "month": "2024-06"}, "pages/enforcement.py")
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("component_instance")) == 0
    assert any("None of these sources has coordinates" in i.value for i in at.info)
