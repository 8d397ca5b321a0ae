"""The illustrative sample district (bishui/sample.py): deterministic, in the canonical format, and
telling the story the dashboard depends on."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from shapely.geometry import Point, shape

from bishui import build, sample

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data" / "reference"

HEADERS = {
    "river_network.csv": "river_id,flows_into_id,confluence_km,line_drawn",
    "sections.csv": "section_id,name_zh,name_en,river_id,town_id,control_level,water_body_type,target_class,"
                    "is_assessment,is_drinking_source,excluded_parameters,has_auto_station,lon,lat",
    "readings.csv": "section_id,parameter,sampled_on,sampled_at,value,source",
    "outfalls.csv": "outfall_id,name_zh,category,sub_type,river_id,town_id,lon,lat,status,remediation,"
                    "approval_state,is_direct_sewage,responsible_unit,tracing_result,discovered_on,traced_on,"
                    "rectification_deadline,rectified_on,closed_on",
    "outfall_inspections.csv": "outfall_id,inspected_on,parameter,has_flow,value,limit_value",
    "facilities.csv": "facility_id,kind,name_zh,name_en,town_id,capacity_m3_d,status,built_on,commissioned_on,"
                      "lon,lat",
    "plant_effluent.csv": "facility_id,month,cod_mg_l,bod5_mg_l,nh3n_mg_l,tp_mg_l,tn_mg_l,ss_mg_l,flow_m3_d,"
                          "water_temp_c",
    "network_blank_areas.csv": "area_id,name_zh,town_id,found_on,closed_on,lon,lat",
    "water_bodies.csv": "body_id,name_zh,name_en,kind,town_id,status,found_on,rectify_started_on,cleared_on,"
                        "closed_on,length_m,lon,lat",
    "water_body_inspections.csv": "body_id,inspected_on,point_no,transparency_cm,do_mg_l,orp_mv,nh3n_mg_l,depth_cm",
    "targets.csv": "target_id,year,title_zh,title_en,measure,goal_value,direction,unit,deadline,is_per_town,"
                   "owner_zh,owner_en",
    "target_progress.csv": "target_id,town_id,period,value,note,reported_on",
    "tasks.csv": "task_no,title_zh,title_en,lead_units,responsible_units,deadline,lead_units_en,responsible_units_en",
    "task_updates.csv": "task_no,updated_on,town_id,status,progress_pct,note_zh,reported_by,note_en,reported_by_en",
    "projects.csv": "project_id,name_zh,task_no,town_id,budget_cny,spent_cny,completion_pct,start_on,due_on,"
                    "name_en",
    "compensation_rules.csv": "rule_id,section_id,threshold_class,amount_cny,base_amount_cny,weight,payer_zh,"
                              "payer_en,payee_zh,payee_en,valid_from,valid_to",
}
GEO_PROPERTIES = {
    "towns.geojson": ["town_id", "name_zh", "name_en", "kind"],
    "rivers.geojson": ["river_id", "name_zh", "name_en"],
    "pipes.geojson": ["pipe_id", "kind", "was_combined", "diameter_mm", "length_m", "town_id", "road_zh",
                      "retrofit_status", "retrofit_started_on", "separated_on"],
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("sample")
    sample.generate(base / "a")
    sample.generate(base / "b")
    return base


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_deterministic(generated):
    a, b = generated / "a", generated / "b"
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_fixture_headers_match():
    fixture = ROOT / "tests" / "fixtures" / "district"
    for name, header in HEADERS.items():
        assert (fixture / name).read_text(encoding="utf-8").splitlines()[0] == header, name


def test_csv_headers_and_encoding(generated):
    a = generated / "a"
    for name, header in HEADERS.items():
        raw = (a / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), name
        assert b"\r\n" not in raw, name
        assert raw.decode("utf-8").split("\n", 1)[0] == header, name
    for name, props in GEO_PROPERTIES.items():
        data = json.loads((a / name).read_text(encoding="utf-8"))
        for feat in data["features"]:
            assert list(feat["properties"]) == props, name
    assert (a / "README.md").exists()


def test_points_inside_townships(generated):
    a = generated / "a"
    towns = {f["properties"]["town_id"]: shape(f["geometry"])
             for f in json.loads((a / "towns.geojson").read_text(encoding="utf-8"))["features"]}
    assert sorted(towns) == ["huxi", "lihaiwu", "yuji", "zhulaozhuang"]
    for name, key in (("sections.csv", "section_id"), ("outfalls.csv", "outfall_id"),
                      ("facilities.csv", "facility_id"), ("network_blank_areas.csv", "area_id"),
                      ("water_bodies.csv", "body_id")):
        for r in _rows(a / name):
            assert towns[r["town_id"]].contains(Point(float(r["lon"]), float(r["lat"]))), (name, r[key])


def test_outfalls(generated):
    rows = _rows(generated / "a" / "outfalls.csv")
    assert {r["status"] for r in rows} == {"surveyed", "monitored", "traced", "rectifying", "closed"}
    types = {r["sub_type"]: r for r in _rows(REFERENCE / "outfall_types.csv")}
    for r in rows:
        assert r["sub_type"] in types
        assert types[r["sub_type"]]["category"] == r["category"]
        if r["approval_state"] == "approved":
            assert types[r["sub_type"]]["needs_approval"] == "true"
        if r["status"] in ("surveyed", "monitored"):
            assert r["remediation"] == ""
        else:
            assert r["remediation"] in ("ban", "merge", "regularise")
    direct = [r for r in rows if r["is_direct_sewage"] == "true"]
    assert 12 <= len(direct) <= 18
    assert sum(r["status"] != "closed" for r in direct) == 2


def test_readings_parameters(generated):
    known = {r["code"] for r in _rows(REFERENCE / "parameters.csv")}
    rows = _rows(generated / "a" / "readings.csv")
    assert {r["parameter"] for r in rows} <= known
    assert {r["source"] for r in rows} == {"manual", "auto"}
    assert (generated / "a" / "readings.csv").stat().st_size < 6_000_000


def test_story(generated, tmp_path):
    db = tmp_path / "w.duckdb"
    build.build(db, generated / "a")
    con = duckdb.connect(str(db), read_only=True)
    try:
        def classes(section: str, first: str, last: str) -> list[int]:
            return [r[0] for r in con.execute(
                "SELECT water_class FROM section_period_class WHERE period_kind = 'month' AND section_id = ? "
                "AND period BETWEEN ?::DATE AND ?::DATE ORDER BY period", [section, first, last]).fetchall()]

        liaowei_2023 = classes("liaowei", "2023-01-01", "2023-12-01")
        assert len(liaowei_2023) == 12
        assert sum(c > 4 for c in liaowei_2023) >= 3
        assert 6 in liaowei_2023
        assert sum(c > 4 for c in classes("liaowei", "2025-01-01", "2025-12-01")) <= 1
        assert 6 in classes("cuizhuang", "2021-01-01", "2022-12-01")
        late = classes("cuizhuang", "2023-07-01", "2025-12-01")
        assert late and 6 not in late
        for section in ("tanzhuang", "hunan_rd"):
            all_months = classes(section, "2021-01-01", "2025-12-01")
            assert len(all_months) == 60
            assert sum(c <= 3 for c in all_months) >= 0.8 * len(all_months), section
    finally:
        con.close()


def test_reservoir_trophic_readings(generated):
    """Tanzhuang reservoir has chlorophyll a and transparency every month (the TLI of §2.8): mesotrophic
    most of the year, lightly eutrophic in some summer months; no other section has them."""
    from bishui import trends

    rows = [r for r in _rows(generated / "a" / "readings.csv") if r["parameter"] in ("chla", "transparency")]
    assert {r["section_id"] for r in rows} == {"tanzhuang"}
    means: dict[str, dict[str, list[float]]] = {}
    for r in _rows(generated / "a" / "readings.csv"):
        if r["section_id"] == "tanzhuang" and r["source"] == "manual" and r["parameter"] in ("chla", "transparency", "tp", "tn", "codmn"):
            means.setdefault(r["sampled_on"][:7], {}).setdefault(r["parameter"], []).append(float(r["value"]))
    assert len(means) == 60 and all(len(v) == 5 for v in means.values())
    grades = {}
    for month, v in means.items():
        m = {k: sum(x) / len(x) for k, x in v.items()}
        grades[month] = trends.tli_grade(trends.tli(m["chla"], m["tp"], m["tn"], m["transparency"] / 100, m["codmn"]))
    assert sum(g == "mesotrophic" for g in grades.values()) >= 48
    assert {int(m[5:]) for m, g in grades.items() if g == "light_eutrophic"} <= {6, 7, 8, 9}
    assert any(g == "light_eutrophic" for g in grades.values())
