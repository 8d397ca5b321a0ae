"""The illustrative sample district (bishui/tools/sample.py): deterministic, in the canonical format, and
telling the story the dashboard depends on."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from shapely.geometry import Point, shape

from bishui.tools import sample
from bishui.db import sql, warehouse

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
    "facilities.csv": "facility_id,kind,name_zh,name_en,town_id,capacity_m3_d,status,built_on,commissioned_on,lon,lat",
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
    "projects.csv": "project_id,name_zh,task_no,town_id,budget_cny,spent_cny,completion_pct,start_on,due_on,name_en",
    "compensation_rules.csv": "rule_id,section_id,threshold_class,amount_cny,base_amount_cny,weight,payer_zh,"
    "payer_en,payee_zh,payee_en,valid_from,valid_to",
}
GEO_PROPERTIES = {
    "towns.geojson": ["town_id", "name_zh", "name_en", "kind"],
    "rivers.geojson": ["river_id", "name_zh", "name_en"],
    "pipes.geojson": [
        "pipe_id",
        "kind",
        "was_combined",
        "diameter_mm",
        "length_m",
        "town_id",
        "road_zh",
        "retrofit_status",
        "retrofit_started_on",
        "separated_on",
    ],
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
    towns = {
        f["properties"]["town_id"]: shape(f["geometry"])
        for f in json.loads((a / "towns.geojson").read_text(encoding="utf-8"))["features"]
    }
    assert sorted(towns) == ["huxi", "lihaiwu", "yuji", "zhulaozhuang"]
    for name, key in (
        ("sections.csv", "section_id"),
        ("outfalls.csv", "outfall_id"),
        ("facilities.csv", "facility_id"),
        ("network_blank_areas.csv", "area_id"),
        ("water_bodies.csv", "body_id"),
    ):
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
    warehouse.build(db, generated / "a")
    con = duckdb.connect(str(db), read_only=True)
    try:

        def classes(section: str, first: str, last: str) -> list[int]:
            return [
                r[0]
                for r in con.execute(
                    "SELECT water_class FROM section_period_class WHERE period_kind = 'month' AND section_id = ? "
                    "AND period BETWEEN ?::DATE AND ?::DATE ORDER BY period",
                    [section, first, last],
                ).fetchall()
            ]

        liaowei_2023 = classes("liaowei", "2023-01-01", "2023-12-01")
        assert len(liaowei_2023) == 12
        assert sum(c > 4 for c in liaowei_2023) >= 3
        assert 6 in liaowei_2023
        assert sum(c > 4 for c in classes("liaowei", "2025-01-01", "2025-12-01")) <= 1
        assert 6 in classes("cuizhuang", "2021-01-01", "2022-12-01")
        late = classes("cuizhuang", "2023-07-01", "2025-12-01")
        assert late and 6 not in late
        for section in ("tanzhuang", "hunan_rd"):  # 2025-12 is the running month (as_of.csv): not pinned
            all_months = classes(section, "2021-01-01", "2025-11-01")
            assert len(all_months) == 59
            assert sum(c <= 3 for c in all_months) >= 0.8 * len(all_months), section
    finally:
        con.close()


def test_reservoir_trophic_readings(generated):
    """Tanzhuang reservoir has chlorophyll a and transparency every month (the TLI of §2.8): mesotrophic
    most of the year, lightly eutrophic in some summer months; no other section has them."""
    from bishui.rules import trends

    rows = [r for r in _rows(generated / "a" / "readings.csv") if r["parameter"] in ("chla", "transparency")]
    assert {r["section_id"] for r in rows} == {"tanzhuang"}
    means: dict[str, dict[str, list[float]]] = {}
    for r in _rows(generated / "a" / "readings.csv"):
        if (
            r["section_id"] == "tanzhuang"
            and r["source"] == "manual"
            and r["parameter"] in ("chla", "transparency", "tp", "tn", "codmn")
        ):
            means.setdefault(r["sampled_on"][:7], {}).setdefault(r["parameter"], []).append(float(r["value"]))
    assert len(means) == 59 and all(len(v) == 5 for v in means.values())  # December's sample not in yet
    grades = {}
    for month, v in means.items():
        m = {k: sum(x) / len(x) for k, x in v.items()}
        grades[month] = trends.tli_grade(trends.tli(m["chla"], m["tp"], m["tn"], m["transparency"] / 100, m["codmn"]))
    assert sum(g == "mesotrophic" for g in grades.values()) >= 48
    assert {int(m[5:]) for m, g in grades.items() if g == "light_eutrophic"} <= {6, 7, 8, 9}
    assert any(g == "light_eutrophic" for g in grades.values())


def test_data_arrive_as_real_data_do(generated, tmp_path):
    """The sample is cut at its as-of moment (as_of.csv, 2025-12-15 10:00): automatic data up to it,
    no manual sample of December; a six-day outage of the Hunan Rd station; a no-flow month with its
    reason; a month without any data; a late NH3-N result kept as a revision with both values and
    dates. The warehouse records the moment and the statuses follow from it."""
    a = generated / "a"
    assert _rows(a / "as_of.csv") == [{"as_of": "2025-12-15T10:00"}]
    rows = _rows(a / "readings.csv")
    auto = [r for r in rows if r["source"] == "auto"]
    assert max(r["sampled_at"] for r in auto) == "2025-12-15 08:00:00"
    assert not [r for r in rows if r["source"] == "manual" and r["sampled_on"] >= "2025-12"]
    hunan_oct = {r["sampled_on"] for r in auto if r["section_id"] == "hunan_rd" and r["sampled_on"][:7] == "2025-10"}
    assert {f"2025-10-{d:02d}" for d in range(8, 14)}.isdisjoint(hunan_oct)
    assert "2025-10-07" in hunan_oct and "2025-10-14" in hunan_oct
    assert _rows(a / "no_flow_months.csv") == [
        {
            "section_id": "zlz_zha",
            "month": "2025-05",
            "reason_code": "dry",
            "note": "上游来水断绝，闸上河道干涸，无法采样",
        }
    ]
    assert not [
        r
        for r in rows
        if (r["section_id"], r["sampled_on"][:7]) in {("zlz_zha", "2025-05"), ("lihaiwu_qiao", "2025-09")}
    ]
    [rev] = _rows(a / "reading_revisions.csv")
    assert (
        rev["section_id"],
        rev["parameter"],
        rev["sampled_on"],
        rev["value"],
        rev["reported_on"],
        rev["revised_on"],
    ) == ("cuizhuang", "nh3n", "2025-11-19", "2.46", "2025-12-02", "2025-12-09")
    [now] = [
        r
        for r in rows
        if (r["section_id"], r["parameter"], r["sampled_on"], r["source"])
        == ("cuizhuang", "nh3n", "2025-11-19", "manual")
    ]

    db = tmp_path / "w.duckdb"
    warehouse.build(db, a)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT value FROM warehouse_meta WHERE key = 'as_of'").fetchone() == ("2025-12-15T10:00",)
        status = dict(
            ((s, str(m)[:7]), st)
            for s, m, st in con.execute(
                "SELECT section_id, month, status FROM section_month_completeness(TIMESTAMP '2025-12-15 10:00')"
                " WHERE month >= DATE '2025-05-01'"
            ).fetchall()
        )
        assert status[("zlz_zha", "2025-05")] == "no_flow"
        assert status[("lihaiwu_qiao", "2025-09")] == "no_data"
        assert status[("hunan_rd", "2025-10")] == "complete"  # the outage is covered by the manual samples
        assert {st for (s, m), st in status.items() if m == "2025-12"} <= {"provisional", "no_data"}
        assert status[("liaowei", "2025-12")] == "provisional"
        assert {st for (s, m), st in status.items() if m == "2025-11"} == {"complete"}
        days = con.execute(
            "SELECT auto_days FROM section_month_completeness(DATE '2025-12-15') "
            "WHERE section_id = 'hunan_rd' AND month = DATE '2025-10-01'"
        ).fetchone()[0]
        assert days == 31 - 6
        rev_row = con.execute(
            "SELECT old_value, new_value, reported_at::DATE, revised_at::DATE, how "
            "FROM (" + sql.sql_text("reading_revisions").replace("$section_id", "NULL") + ")"
        ).fetchall()
        assert [tuple(map(str, r)) for r in rev_row] == [
            ("2.46", str(float(now["value"])), "2025-12-02", "2025-12-09", "file")
        ]
    finally:
        con.close()
