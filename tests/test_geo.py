"""bishui.views.geo: WKB -> GeoJSON, rounding to 5 decimals, the GCJ-02 shift for AMap only, downloads in
the data's own WGS-84."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
import shapely

from bishui.views import geo


def _metres(lon1, lat1, lon2, lat2) -> float:
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def _line_frame() -> pd.DataFrame:
    line = shapely.LineString([(116.0123456789, 36.4012345678), (116.0234567891, 36.4123456789)])
    return pd.DataFrame({"pipe_id": ["a"], "length_m": [12.5], "geom_wkb": [bytearray(shapely.to_wkb(line))]})


def test_wkb_from_duckdb_bytearray_rounded_to_5_decimals():
    fc = geo.wkb_features(_line_frame(), ["pipe_id", "length_m"])
    (feat,) = fc["features"]
    assert feat["geometry"] == {"type": "LineString", "coordinates": [[116.01235, 36.40123], [116.02346, 36.41235]]}
    assert feat["properties"] == {"pipe_id": "a", "length_m": 12.5}


def test_points_rounded_and_json_safe_properties():
    df = pd.DataFrame(
        {
            "id": ["p"],
            "lon": [116.123456789],
            "lat": [36.987654321],
            "n": [float("nan")],
            "on": [pd.Timestamp("2023-02-15")],
        }
    )
    (feat,) = geo.point_features(df, ["id", "n", "on"])["features"]
    assert feat["geometry"]["coordinates"] == [116.12346, 36.98765]
    assert feat["properties"] == {"id": "p", "n": None, "on": "2023-02-15"}
    json.dumps(feat, allow_nan=False)


def test_gcj_shift_near_liaocheng_moves_hundreds_of_metres_east():
    lon, lat = 116.0, 36.4
    glon, glat = geo.wgs84_to_gcj02([lon], [lat])
    d = _metres(lon, lat, glon[0], glat[0])
    assert 300 < d < 800, d  # about 0.0057° east and 0.0001° north here, ~510 m
    assert glon[0] - lon > 0.004 and abs(glat[0] - lat) < 0.001
    df = pd.DataFrame({"lon": [lon], "lat": [lat]})
    (shifted,) = geo.point_features(df, basemap="amap")["features"]
    assert shifted["geometry"]["coordinates"] == [round(glon[0], 5), round(glat[0], 5)]


@pytest.mark.parametrize("basemap", ["none", "osm", "tianditu"])
def test_no_shift_for_other_base_maps(basemap):
    assert not geo.needs_gcj(basemap)
    df = pd.DataFrame({"lon": [116.0], "lat": [36.4]})
    (feat,) = geo.point_features(df, basemap=basemap)["features"]
    assert feat["geometry"]["coordinates"] == [116.0, 36.4]
    (line,) = geo.wkb_features(_line_frame(), basemap=basemap)["features"]
    assert line["geometry"]["coordinates"][0] == [116.01235, 36.40123]


def test_lines_shift_like_points_for_amap():
    (line,) = geo.wkb_features(_line_frame(), basemap="amap")["features"]
    glon, glat = geo.wgs84_to_gcj02([116.0123456789], [36.4012345678])
    assert line["geometry"]["coordinates"][0] == [round(glon[0], 5), round(glat[0], 5)]


def test_points_outside_china_are_not_shifted():
    glon, glat = geo.wgs84_to_gcj02([2.35], [48.85])
    assert (glon[0], glat[0]) == (2.35, 48.85)


def test_empty_frames_and_missing_geometry():
    empty = _line_frame().iloc[0:0]
    assert geo.wkb_features(empty)["features"] == []
    assert geo.point_features(pd.DataFrame({"lon": [], "lat": []}))["features"] == []
    df = pd.concat([_line_frame(), pd.DataFrame({"pipe_id": ["b"], "length_m": [1.0], "geom_wkb": [None]})])
    assert [f["properties"]["pipe_id"] for f in geo.wkb_features(df, ["pipe_id"])["features"]] == ["a"]


def test_bounds_and_label_points():
    fc = geo.wkb_features(_line_frame())
    assert geo.bounds(fc) == [[36.40123, 116.01235], [36.41235, 116.02346]]
    assert geo.bounds({"features": []}) is None
    poly = shapely.Polygon([(116, 36.4), (116.1, 36.4), (116.1, 36.5), (116, 36.5)])
    labels = geo.label_points(pd.DataFrame({"name_zh": ["甲"], "geom_wkb": [shapely.to_wkb(poly)]}), ["name_zh"])
    (pt,) = labels["features"]
    assert shapely.Polygon(poly).contains(shapely.Point(pt["geometry"]["coordinates"]))


def test_download_geojson_keeps_the_data_coordinates():
    df = pd.DataFrame({"outfall_id": ["o1"], "lon": [116.0123456789], "lat": [36.4]})
    fc = json.loads(geo.download_geojson(df, ["outfall_id"]))
    assert fc["features"][0]["geometry"]["coordinates"] == [116.0123456789, 36.4]
    lines = json.loads(geo.download_geojson(_line_frame(), ["pipe_id"], geom_col="geom_wkb"))
    assert lines["features"][0]["geometry"]["coordinates"][0] == [116.0123456789, 36.4012345678]
