"""The map builders (bishui.views.maps), the outfall/pipe tables and charts (bishui.views.figures_sources), the
outfall and pipe pages in AppTest, and the downloads' bytes."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
import shapely.geometry
import pytest

from bishui.views import export, figures_sources as fs, geo, maps
from bishui.app import map_ui
from bishui.views import vendor
from bishui.db import store
from tests import map_oracle
from tests.apptest_helpers import app

XSS = "<img src=x onerror=alert(1)>"
MONTH = dt.date(2023, 2, 1)
NO_FILTERS = dict(
    town_id=None,
    river_ids=None,
    categories=None,
    sub_types=None,
    outfall_statuses=None,
    approval_states=None,
    exceeded_months=None,
)


@pytest.fixture
def db(fixture_db, use_db):
    return use_db(fixture_db)


def _inventory(**filters):
    return store.run_query("outfall_inventory", month=MONTH, **{**NO_FILTERS, **filters})


def _outfalls_map(db_path, color_by="category", lang="zh", assets=None, basemap="none", key=None):
    inv = _inventory()
    ctx = maps.MapContext(lang=lang, basemap=basemap, tianditu_key=key, assets=assets or maps.Assets())
    points = geo.point_features(inv, maps.OUTFALL_PROPS, basemap=basemap)
    towns = map_ui.query_features("map_towns", props=maps.NAME_PROPS, basemap=basemap)
    ctx.bounds = geo.bounds(points)
    m = maps.outfalls_map(
        inv,
        rivers=map_ui.query_features("map_rivers", props=maps.NAME_PROPS, basemap=basemap),
        towns=towns,
        town_labels=map_ui.query_features("map_towns", kind="labels", props=maps.NAME_PROPS, basemap=basemap),
        sections=map_ui.query_features(
            "map_sections",
            kind="points",
            props=maps.SECTION_PROPS,
            basemap=basemap,
            month=MONTH,
            now=dt.date(2030, 1, 1),
        ),
        color_by=color_by,
        month_label="2023年2月",
        ctx=ctx,
    )
    return inv, m


def _scripts_and_links(doc: str) -> list[str]:
    return re.findall(r'<script[^>]+src="([^"]+)"', doc) + re.findall(r'<link[^>]+href="([^"]+)"', doc)


# ---- builders -------------------------------------------------------------------------------
def test_outfall_map_layers_colours_and_rings(db):
    inv, m = _outfalls_map(db)
    layers = maps.vector_layers(m)
    names = [layer.layer_name for layer in layers]
    assert names == ["镇街边界", "镇街边界", "河流", "监测断面", "排污口"]
    outfalls = layers[-1]
    assert outfalls.n_features == len(inv) == 4
    by_id = {r["t"].split(" ")[0]: r for r in outfalls.rows()}
    palette = outfalls.options["palette"]
    assert palette[by_id["o4"]["c"]] == maps.OUTFALL_CATEGORY_COLORS["agricultural"]
    assert palette[by_id["o3"]["c"]] == maps.OUTFALL_CATEGORY_COLORS["urban_wwtp"]
    # o2's latest inspection (2023-01-20) exceeded COD and NH3-N: ringed; the others not
    assert by_id["o2"]["x"] == 1 and all(by_id[o]["x"] == 0 for o in ("o1", "o3", "o4"))
    assert "化学需氧量" in by_id["o2"]["t"]
    # status colouring
    _, m2 = _outfalls_map(db, color_by="status")
    st_layer = maps.vector_layers(m2)[-1]
    by_id2 = {r["t"].split(" ")[0]: r for r in st_layer.rows()}
    assert st_layer.options["palette"][by_id2["o3"]["c"]] == maps.OUTFALL_STATUS_COLORS["closed"]
    assert st_layer.options["palette"][by_id2["o2"]["c"]] == maps.OUTFALL_STATUS_COLORS["rectifying"]


def test_sections_coloured_by_the_month_class(db):
    _, m = _outfalls_map(db)
    sections = maps.vector_layers(m)[3]
    colors = {
        r["t"].split("（")[0]: sections.options["palette"][r["c"]] if r["c"] >= 0 else None for r in sections.rows()
    }
    # fixture, Feb 2023: s_f1 class V, s_t2 class IV, the reservoir has no data
    assert colors == {"测试河一号桥": "#ff7f00", "测试河二号闸": "#f2c200", "测试水库": None}
    assert sections.options["shape"] == "diamond"


def test_data_strings_are_escaped_everywhere(db):
    _, m = _outfalls_map(db)
    doc = maps.html_document(m)
    assert XSS not in doc
    assert "&lt;img src=x onerror=alert(1)&gt;" in doc
    assert doc.count("</script>") == len(re.findall(r"<script\b", doc))  # no data string ends a script early
    legend = maps.legend_html([(XSS, [("circle", "#000", XSS)])])
    assert XSS not in legend and legend.count("&lt;img") == 2
    layer = maps.outfall_layer(
        pd.DataFrame(
            {
                "outfall_id": ["</script><b>"],
                "name_zh": [XSS],
                "river_zh": ["<i>"],
                "status": ["x"],
                "lon": [116.0],
                "lat": [36.0],
            }
        )
    )
    assert "</script>" not in layer.data_json and "<" not in layer.data_json


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("basemap", ["none", "amap"])
def test_layers_from_frames_match_the_geojson_path(db, lang, basemap):
    """The pages build the outfall and pipe layers straight from the query frames (vectorised); the
    browser gets the same features, colours, rings, widths and tooltips as the plain feature-by-feature
    builder makes from GeoJSON dicts (tests/map_oracle.py)."""
    inv = _inventory()
    for color_by in ("category", "status"):
        a = map_oracle.outfall_layer(
            geo.point_features(inv, maps.OUTFALL_PROPS, basemap=basemap), color_by=color_by, lang=lang
        )
        b = maps.outfall_layer(inv, color_by=color_by, lang=lang, basemap=basemap)
        assert a.rows() == b.rows() and a.options == b.options and len(b.rows()) == len(inv)
    assert geo.point_bounds(inv, basemap=basemap) == geo.bounds(geo.point_features(inv, basemap=basemap))
    segs = store.run_query("pipe_segments", month=MONTH, town_id=None, pipe_kinds=None, retrofit_statuses=None)
    for color_by in ("kind", "retrofit"):
        a = map_oracle.pipe_layer(
            geo.wkb_features(segs, maps.PIPE_PROPS, basemap=basemap), color_by=color_by, lang=lang
        )
        b = maps.pipe_layer(segs, color_by=color_by, lang=lang, basemap=basemap)
        assert a.data_json == b.data_json
    assert geo.wkb_bounds(segs, basemap=basemap) == geo.bounds(geo.wkb_features(segs, basemap=basemap))
    assert geo.point_bounds(inv.iloc[:0]) is None and geo.wkb_bounds(segs.iloc[:0]) is None


def test_frame_layers_escape_every_data_string():
    df = pd.DataFrame(
        {
            "outfall_id": ["</script><b>", "a&b"],
            "name_zh": [XSS, None],
            "category": ["<x>", "industrial"],
            "sub_type": [XSS, "urban_storm"],
            "river_zh": ["<i>", None],
            "river_en": [None, None],
            "town_zh": ['"t"', "t"],
            "town_en": [None, None],
            "status": ["x", "closed"],
            "is_overdue": [True, False],
            "is_last_exceeded": [True, False],
            "last_exceeded_parameters": [XSS + ";cod", None],
            "lon": [116.0, 116.1],
            "lat": [36.0, 36.1],
        }
    )
    layer = maps.outfall_layer(df)
    assert "</script>" not in layer.data_json and "<" not in layer.data_json and XSS not in layer.data_json
    assert layer.rows() == map_oracle.outfall_layer(geo.point_features(df, maps.OUTFALL_PROPS)).rows()
    # tooltips whose row values are not a common prefix: one full tooltip per row, still escaped
    tips = maps._frame_tooltips(
        df, lambda p: f"{maps.esc(p['town_zh'])}|{maps.esc(p['outfall_id'])}", ["outfall_id"], ["town_zh"]
    )
    assert tips == {"t": ["&quot;t&quot;|&lt;/script&gt;&lt;b&gt;", "t|a&amp;b"]}


def test_no_default_icons_and_vector_markers_only(db):
    _, m = _outfalls_map(db)
    doc = maps.html_document(m)
    assert "L.marker(" not in doc.split("function bishuiLayer", 1)[0]  # no marker outside the helper
    assert "L.Icon.Default" not in doc and "marker-icon" not in doc and ".png" not in doc
    assert "awesome" not in doc and "jquery" not in doc.lower() and "bootstrap" not in doc


def _folium_links(m) -> list[str]:
    """Every JS/CSS URL streamlit-folium makes the map's iframe load (its walk over the map's elements)."""
    import branca
    from folium.elements import JSCSSMixin

    def walk(el):
        if isinstance(el, (JSCSSMixin, branca.colormap.ColorMap)):
            yield el
        for child in getattr(el, "_children", {}).values():
            yield from walk(child)

    return [url for el in walk(m) for _, url in (*getattr(el, "default_js", []), *getattr(el, "default_css", []))]


def _served_file(url: str) -> Path:
    """The file the app's server sends for a map library URL (bishui.views.vendor's component route)."""
    match = re.fullmatch(r"(?:/[\w-]+)?/component/bishui\.app\.map_ui\.(\w+)/([\w./-]+)\?v=[\d.]+", url)
    assert match, url
    pkg = next(p for p in vendor.PACKAGES if p.name == match[1])
    return pkg.folder / match[2]


def test_map_libraries_come_from_the_app_not_a_cdn(db):
    """Issue 16.11: Leaflet (and markercluster) from the pinned Python packages, served by the app."""
    assert vendor.problems() == []
    for m in (
        _outfalls_map(db)[1],
        maps.outfalls_map(_synthetic_outfalls(maps.CLUSTER_MIN + 1), rivers={"features": []}, towns={"features": []}),
    ):
        doc = maps.html_document(m)
        links = _scripts_and_links(doc)
        assert links and sorted(links) == sorted(_folium_links(m))
        assert not re.search(r"(src|href)=[\"']?(https?:)?//", doc), "nothing from another host"
        for url in links:
            assert _served_file(url).is_file(), url
    assert _scripts_and_links(maps.html_document(_outfalls_map(db)[1])) == [
        "/component/bishui.app.map_ui.leaflet/leaflet.js?v=1.9.3",
        "/component/bishui.app.map_ui.leaflet/leaflet.css?v=1.9.3",
    ]
    assert (
        maps.Assets(base_url="/bishui/").js()[0][1] == "/bishui/component/bishui.app.map_ui.leaflet/leaflet.js?v=1.9.3"
    )


def test_map_library_pins_match_requirements():
    """The versions bishui.views.vendor names are the ones requirements.txt installs."""
    pins = dict(
        line.split("#")[0].strip().lower().split("==")
        for line in (Path(__file__).parents[1] / "requirements.txt").read_text().splitlines()
        if "==" in line
    )
    for pkg in vendor.PACKAGES:
        assert pins[pkg.dist.lower()].startswith(pkg.version + "."), (pkg.dist, pins.get(pkg.dist.lower()))
        assert metadata.version(pkg.dist) == pins[pkg.dist.lower()]


def test_clustering_for_many_points_loads_markercluster():
    fc = _synthetic_outfalls(maps.CLUSTER_MIN + 1)
    layer = maps.outfall_layer(fc)
    assert layer.options["cluster"] is True
    m = maps.outfalls_map(fc, rivers={"features": []}, towns={"features": []})
    links = _scripts_and_links(maps.html_document(m))
    assert "/component/bishui.app.map_ui.markercluster/leaflet.markercluster.js?v=1.4.1" in links
    assert "/component/bishui.app.map_ui.markercluster/MarkerCluster.Default.css?v=1.4.1" in links
    assert maps.outfall_layer(_synthetic_outfalls(10)).options["cluster"] is False


@pytest.mark.parametrize(
    "basemap, expect", [("none", None), ("osm", "tile.openstreetmap.org"), ("amap", "autonavi.com"), ("tianditu", None)]
)
def test_base_maps(basemap, expect):
    doc = maps.html_document(maps.base_map(basemap=basemap))
    tiles = re.findall(r'L\.tileLayer\(\s*"([^"]+)"', doc)
    if expect is None:
        assert tiles == []  # none, or Tianditu without a key
    else:
        assert len(tiles) == 1 and expect in tiles[0]


def test_tianditu_with_key():
    doc = maps.html_document(maps.base_map(basemap="tianditu", tianditu_key="abc123"))
    tiles = re.findall(r'L\.tileLayer\(\s*"([^"]+)"', doc)
    assert len(tiles) == 2 and all("tk=abc123" in t and "tianditu.gov.cn" in t for t in tiles)


def test_amap_shifts_the_drawn_outfalls(db):
    inv, m = _outfalls_map(db, basemap="amap")
    drawn = maps.vector_layers(m)[-1].rows()[0]["coordinates"]
    assert drawn[0] - float(inv["lon"].iloc[0]) > 0.004  # ~500 m east near 36.4N 116E


def test_pipes_map_layers(db):
    month = dt.date(2023, 1, 1)
    pipes = store.run_query("pipe_segments", month=month, town_id=None, pipe_kinds=None, retrofit_statuses=None)
    m = maps.pipes_map(
        pipes,
        facilities=map_ui.query_features("facilities_map", kind="points", props=maps.FACILITY_PROPS),
        blank_areas=geo.point_features(
            store.run_query("pipe_blank_areas", month=month, town_id=None), ("name_zh", "found_on")
        ),
        rivers=map_ui.query_features("map_rivers", props=maps.NAME_PROPS),
        towns=map_ui.query_features("map_towns", props=maps.NAME_PROPS),
        color_by="kind",
        ctx=maps.MapContext(lang="en"),
    )
    layers = {layer.layer_name: layer for layer in maps.vector_layers(m)}
    assert set(layers) == {
        "Township boundaries",
        "Rivers",
        "Pipes",
        "Network blank areas",
        "WWTP",
        "Pump station",
        "Overflow point",
    }
    pipe_layer = layers["Pipes"]
    colors = {r["t"].split(" ")[0]: pipe_layer.options["palette"][r["c"]] for r in pipe_layer.rows()}
    # Jan 2023: pp1 and pp2 still combined (pp2 separated 2023-02-15), pp3 rain; combined drawn last, wide
    assert colors == {
        "pp1": maps.PIPE_KIND_COLORS["combined"],
        "pp2": maps.PIPE_KIND_COLORS["combined"],
        "pp3": maps.PIPE_KIND_COLORS["rain"],
    }
    assert [r["t"].split(" ")[0] for r in pipe_layer.rows()] == ["pp3", "pp1", "pp2"]
    assert [r["w"] for r in pipe_layer.rows()] == [2.5, 3, 3]
    assert layers["WWTP"].options["shape"] == "square" and layers["WWTP"].n_features == 3
    assert layers["Overflow point"].options["shape"] == "triangle"
    doc = maps.html_document(m)
    assert "Pipes (kind)" in doc and "Combined" in doc


def test_legend_in_the_current_language(db):
    _, m = _outfalls_map(db, lang="zh")
    doc = maps.html_document(m)
    for text in (
        "图例",
        "排污口（HJ 1312 类别）",
        "工业排污口",
        "最近一次监测超标",
        "断面水质（2023年2月）",
        "劣Ⅴ类",
        "河流",
    ):
        assert text in doc
    _, m = _outfalls_map(db, lang="en", color_by="status")
    doc = maps.html_document(m)
    assert "Outfalls (life-cycle status)" in doc and "Closed out" in doc and "工业排污口" not in doc


def test_clicked_outfall():
    ids = ["o1", "o10", "o2"]
    assert maps.clicked_outfall({"last_object_clicked_tooltip": "o10 测试 · x"}, ids) == "o10"
    assert maps.clicked_outfall({"last_object_clicked_tooltip": "o1 <img src=x>"}, ids) == "o1"
    assert maps.clicked_outfall({"last_object_clicked_tooltip": "测试河一号桥（测试河）"}, ids) is None
    assert maps.clicked_outfall({"last_object_clicked": {"lat": 1, "lng": 2}}, ids) is None
    assert maps.clicked_outfall(None, ids) is None


# ---- size at province scale -----------------------------------------------------------------
def _synthetic_outfalls(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "outfall_id": [f"of-{i:05d}" for i in range(n)],
            "name_zh": [f"某河某段雨水排口{i:03d}" for i in range(n)],
            "category": rng.choice(list(maps.OUTFALL_CATEGORY_COLORS), n),
            "sub_type": "urban_storm",
            "river_zh": "徒骇河",
            "river_en": "Tuhai River",
            "town_zh": "湖西街道",
            "town_en": "Huxi",
            "status": rng.choice(fs.STAGES, n),
            "is_overdue": rng.random(n) < 0.1,
            "is_last_exceeded": rng.random(n) < 0.2,
            "last_exceeded_parameters": "cod;nh3n",
            "lon": 115.8 + rng.random(n) * 0.4,
            "lat": 36.3 + rng.random(n) * 0.3,
        }
    )
    return df


def _synthetic_pipes(n: int, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x0, y0 = 115.8 + rng.random(n) * 0.4, 36.3 + rng.random(n) * 0.3
    feats = [
        {
            "type": "Feature",
            "geometry": {
                "type": "LineString",
                "coordinates": [
                    [round(x, 5), round(y, 5)],
                    [round(x + 0.0012, 5), round(y + 0.0003, 5)],
                    [round(x + 0.0021, 5), round(y + 0.0011, 5)],
                ],
            },
            "properties": {
                "pipe_id": f"HX{i:05d}",
                "kind": ["rain", "sewage", "combined"][i % 3],
                "retrofit_status": "none",
                "road_zh": "振兴路",
                "diameter_mm": 600,
                "length_m": 120.0,
            },
        }
        for i, (x, y) in enumerate(zip(x0.tolist(), y0.tolist()))
    ]
    return pd.DataFrame(
        [{**f["properties"], "geom_wkb": shapely.to_wkb(shapely.geometry.shape(f["geometry"]))} for f in feats]
    )


def test_html_under_3_mb_with_10000_pipes_and_2000_outfalls():
    pipes, outfalls = _synthetic_pipes(10_000), _synthetic_outfalls(2_000)
    pm = maps.pipes_map(
        pipes,
        facilities={"features": []},
        blank_areas={"features": []},
        rivers={"features": []},
        towns={"features": []},
    )
    om = maps.outfalls_map(outfalls, rivers={"features": []}, towns={"features": []})
    size_pipes = len(maps.html_document(pm).encode("utf-8"))
    size_outfalls = len(maps.html_document(om).encode("utf-8"))
    assert size_pipes + size_outfalls < 3_000_000, (size_pipes, size_outfalls)


# ---- tables and charts ----------------------------------------------------------------------
def test_funnel_and_open_items(db):
    inv = store.run_query("outfall_inventory", month=dt.date(2023, 4, 1), **NO_FILTERS)
    counts = fs.funnel_counts(inv).set_index("stage")
    # Apr 2023: o1 surveyed, o4 monitored, o2 rectifying (ban), o3 closed (regularise)
    assert counts["n"].to_dict() == {"surveyed": 4, "monitored": 3, "traced": 2, "rectifying": 2, "closed": 1}
    assert counts.loc["rectifying", ["n_ban", "n_merge", "n_regularise"]].tolist() == [1, 0, 1]
    units = fs.open_by_unit(inv, "zh")
    assert units[["of_unit", "of_open", "of_overdue"]].values.tolist() == [["甲街道", 2, 1], ["某养殖场", 1, 0]]
    fig = fs.funnel_figure(fs.funnel_counts(inv), "zh")
    assert list(fig.data[0].x) == [4, 3, 2, 2, 1] and "取缔 1" in fig.data[0].y[3]


def test_outfall_file_deadline(db):
    inv = store.run_query("outfall_inventory", month=dt.date(2023, 4, 1), **NO_FILTERS).set_index(
        "outfall_id", drop=False
    )
    assert fs.deadline_text(inv.loc["o2"], "zh") == ("2023-03-31", "已逾期 30 天")
    assert fs.deadline_text(inv.loc["o3"], "en") == ("2022-12-31", "Closed out on 2023-01-15")
    assert fs.deadline_text(inv.loc["o1"], "zh") == ("未设定", None)
    facts = fs.outfall_facts(inv.loc["o2"], "zh")
    assert dict(facts.values.tolist())["溯源结果"] == "居民生活污水直排"


def test_history_and_separation_charts(db):
    hist = store.run_query("outfall_history", outfall_id="o4")
    fig = fs.history_figure(hist, "zh")
    assert any(t.marker.symbol == "x" for t in fig.data if t.mode == "markers")  # the no-flow visit
    progress = store.run_query(
        "pipe_separation_progress", start=dt.date(2022, 12, 1), end=dt.date(2023, 3, 1), town_id=None
    )
    fig = fs.separation_figure(progress, "en")
    assert [round(v, 4) for v in fig.data[0].y] == [0.3205, 0.3205, 0.1205, 0.1205]


def test_downloads_hold_exactly_the_filtered_outfalls(db):
    inv = _inventory(categories=["other"])
    assert list(inv["outfall_id"]) == ["o1", "o2"]
    table = fs.inventory_table(inv, "zh")
    data = export.csv_bytes(table)
    assert data.startswith(export.BOM)
    rows = pd.read_csv(pd.io.common.BytesIO(data[len(export.BOM) :]), dtype=str)
    assert list(rows["of_id"]) == ["o1", "o2"] and len(rows) == 2
    fc = json.loads(geo.download_geojson(inv, fs.OUTFALL_DOWNLOAD_PROPS))
    assert [f["properties"]["outfall_id"] for f in fc["features"]] == ["o1", "o2"]
    xs = export.xlsx_bytes(table)
    assert pd.read_excel(pd.io.common.BytesIO(xs), dtype=str, engine="openpyxl")["of_id"].tolist() == ["o1", "o2"]


# ---- pages in AppTest -----------------------------------------------------------------------
def _inventory_ids(at) -> list[str]:
    for df in at.dataframe:
        value = df.value
        if "排污口编号" in value.columns and "经度" in value.columns:
            return list(value["排污口编号"])
        if "Outfall ID" in value.columns and "Longitude" in value.columns:
            return list(value["Outfall ID"])
    raise AssertionError("no inventory table")


def test_outfalls_page_filters_change_the_table(db):
    at = app({"lang": "zh", "month": "2023-02"}, "pages/outfalls.py")
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("component_instance")) == 1
    assert _inventory_ids(at) == ["o1", "o2", "o3", "o4"]
    at.multiselect(key="of_cat").set_value(["agricultural"]).run()
    assert _inventory_ids(at) == ["o4"]
    assert at.selectbox(key="of_pick").value == "o4"
    at.multiselect(key="of_cat").set_value([]).run()
    at.selectbox(key="of_exc").set_value(3).run()
    assert _inventory_ids(at) == ["o2"]
    assert at.query_params["of_exc"] in ("3", ["3"])  # the filter is in the URL


def test_outfalls_page_township_defaults_to_the_sidebar(db):
    at = app({"lang": "en", "month": "2023-02", "town": "t1"}, "pages/outfalls.py")
    assert not at.exception
    assert at.selectbox(key="of_town").value == "t1"
    assert _inventory_ids(at) == ["o1", "o2"]
    at.selectbox(key="of_town").set_value("t2").run()
    assert _inventory_ids(at) == ["o3", "o4"]


@pytest.mark.parametrize("basemap, note", [("amap", None), ("tianditu", "天地图")])
def test_outfalls_page_base_map_settings(basemap, note, db, monkeypatch):
    monkeypatch.setenv("BISHUI_BASEMAP", basemap)
    at = app({"lang": "zh", "month": "2023-02"}, "pages/outfalls.py")
    assert not at.exception, [e.value for e in at.exception]
    captions = " ".join(c.value for c in at.caption)
    assert (note in captions) if note else ("天地图" not in captions)


def test_pipes_page_filters_and_map(db):
    at = app({"lang": "zh", "month": "2023-01"}, "pages/pipes.py")
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("component_instance")) == 1
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["待改造合流管"] == "0.32 km"
    at.multiselect(key="pp_kind").set_value(["combined"]).run()
    segments = [df.value for df in at.dataframe if "管段编号" in df.value.columns and "改造状态" in df.value.columns][0]
    assert list(segments["管段编号"]) == ["pp1", "pp2"]


def test_a_section_month_not_complete_is_grey_on_the_map_with_its_status(fixture_db, use_db):
    """Issue 12: the map never colours a month that is not complete as a final class; the tooltip gives
    the class so far and the status. The fixture's 2023-04 is over in 2030, still running mid-April."""
    use_db(fixture_db)
    fc = {
        when: map_ui.query_features(
            "map_sections", kind="points", props=maps.SECTION_PROPS, month=dt.date(2023, 4, 1), now=now
        )
        for when, now in (("over", dt.date(2030, 1, 1)), ("running", dt.date(2023, 4, 15)))
    }
    over = {f["properties"]["name_en"]: f["properties"] for f in fc["over"]["features"]}
    running = {f["properties"]["name_en"]: f["properties"] for f in fc["running"]["features"]}
    name = next(n for n, p in over.items() if p["water_class"] and p["completeness"] == "complete")
    assert running[name]["completeness"] == "provisional"
    done, live = (
        maps.rows(maps.section_layer(fc[w], lang="en", month_label="2023-04").data) for w in ("over", "running")
    )
    i = [f["properties"]["name_en"] for f in fc["over"]["features"]].index(name)
    assert done[i]["c"] == int(over[name]["water_class"]) - 1 and "Provisional" not in done[i]["t"]
    assert live[i]["c"] == -1 and "Provisional" in live[i]["t"]
