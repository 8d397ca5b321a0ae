"""Geometry for the maps: warehouse rows (WKB or lon/lat, WGS-84) -> GeoJSON dicts.

- Coordinates are rounded to 5 decimals (about 1 m): the map HTML shrinks by a quarter and nothing
  visible changes.
- When the base map is AMap/Gaode, whose tiles are drawn in GCJ-02, the data's WGS-84 coordinates are
  shifted to GCJ-02 (package `coordTransform`, vectorised in C) so points sit on the right streets.
  Other base maps (none, OpenStreetMap, Tianditu in CGCS2000 = WGS-84 within a metre) need no shift.
  Downloads always carry the data's own WGS-84 coordinates.

Pure: no warehouse, no Streamlit. The maps' data come from bishui.db.map_data (queries -> these
converters) and their settings from bishui.app.map_ui (the UI side).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd
import shapely

from bishui.views import export

PRECISION = 5
GCJ_BASEMAPS = frozenset({"amap"})


# ---- coordinates ----------------------------------------------------------------------------
def needs_gcj(basemap: str) -> bool:
    """True for base maps drawn in GCJ-02 (AMap/Gaode)."""
    return basemap in GCJ_BASEMAPS


def wgs84_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of GCJ-02 lon/lat for WGS-84 lon/lat (points outside China are returned unchanged)."""
    import coordTransform

    lon = np.ascontiguousarray(np.asarray(lon, dtype=float).ravel())
    lat = np.ascontiguousarray(np.asarray(lat, dtype=float).ravel())
    if lon.size == 0:
        return lon, lat
    out_lon, out_lat = coordTransform.wgs84_to_gcj02(lon, lat)
    return np.asarray(out_lon, dtype=float), np.asarray(out_lat, dtype=float)


def display_coords(coords: np.ndarray, basemap: str = "none") -> np.ndarray:
    """(n, 2) lon/lat array as drawn on the given base map: GCJ-02-shifted if needed, rounded."""
    coords = np.asarray(coords, dtype=float)
    if coords.size == 0:
        return coords.reshape(-1, 2)
    if needs_gcj(basemap):
        lon, lat = wgs84_to_gcj02(coords[:, 0], coords[:, 1])
        coords = np.column_stack([lon, lat])
    return np.round(coords, PRECISION)


def display_lonlat(lon, lat, basemap: str = "none") -> tuple[np.ndarray, np.ndarray]:
    """display_coords for separate lon and lat sequences."""
    out = display_coords(np.column_stack([np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)]), basemap)
    return out[:, 0], out[:, 1]


# ---- geometries -----------------------------------------------------------------------------
def geometries(values: Iterable) -> np.ndarray:
    """Shapely geometries from a column of WKB (bytes, or DuckDB's bytearray; None stays None)."""
    raw = [None if v is None or (isinstance(v, float) and math.isnan(v)) else bytes(v) for v in values]
    return shapely.from_wkb(np.array(raw, dtype=object))


def geojson_geometries(geoms: np.ndarray, basemap: str) -> list[dict | None]:
    """GeoJSON geometry dicts, coordinates transformed for the base map and rounded."""
    if len(geoms) == 0:
        return []
    moved = shapely.transform(geoms, lambda xy: display_coords(xy, basemap))
    texts = shapely.to_geojson(moved)
    return json.loads("[" + ",".join("null" if t is None else t for t in texts) + "]")


def json_value(value: Any) -> Any:
    """A JSON-safe Python value: dates as ISO text, NaN/NaT as None, numpy scalars unwrapped."""
    if value is None:
        return None
    if isinstance(value, (np.generic,)):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            return None
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is pd.NaT or (not isinstance(value, (str, bytes, list, dict, tuple)) and pd.isna(value)):
        return None
    return value


def _json_column(col: pd.Series) -> list:
    """A column as JSON-safe Python values (as json_value gives), converted column-wise."""
    if pd.api.types.is_datetime64_any_dtype(col):
        text = col.dt.strftime("%Y-%m-%d").where(col.dt.normalize() == col, col.dt.strftime("%Y-%m-%dT%H:%M:%S"))
        return [None if pd.isna(v) else v for v in text.astype(object)]
    if pd.api.types.is_bool_dtype(col) and not col.isna().any():
        return col.astype(bool).tolist()
    if pd.api.types.is_integer_dtype(col) and not col.isna().any():
        return col.astype("int64").tolist()
    if pd.api.types.is_float_dtype(col):
        values = col.astype("float64").to_numpy()
        return [None if v != v else v for v in values.tolist()]
    return [json_value(v) for v in col.astype(object).tolist()]


def _records(df: pd.DataFrame, props: Sequence[str]) -> list[dict]:
    cols = [c for c in props if c in df.columns]
    columns = [_json_column(df[c]) for c in cols]
    return [dict(zip(cols, row)) for row in zip(*columns)] if cols else [{} for _ in range(len(df))]


def feature_collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def wkb_features(
    df: pd.DataFrame, props: Sequence[str] = (), *, geom_col: str = "geom_wkb", basemap: str = "none"
) -> dict:
    """A FeatureCollection from rows with a WKB column (`geom_col`); properties are the columns in
    `props`. Rows without geometry are left out."""
    if df.empty:
        return feature_collection([])
    geoms = geojson_geometries(geometries(df[geom_col]), basemap)
    feats = [
        {"type": "Feature", "geometry": g, "properties": p} for g, p in zip(geoms, _records(df, props)) if g is not None
    ]
    return feature_collection(feats)


def point_features(
    df: pd.DataFrame, props: Sequence[str] = (), *, lon: str = "lon", lat: str = "lat", basemap: str = "none"
) -> dict:
    """A FeatureCollection of points from lon/lat columns (WGS-84), properties from `props`."""
    if df.empty:
        return feature_collection([])
    xs, ys = display_lonlat(df[lon].to_numpy(), df[lat].to_numpy(), basemap)
    feats = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]}, "properties": p}
        for x, y, p in zip(xs.tolist(), ys.tolist(), _records(df, props))
    ]
    return feature_collection(feats)


def label_points(
    df: pd.DataFrame, props: Sequence[str] = (), *, geom_col: str = "geom_wkb", basemap: str = "none"
) -> dict:
    """A point inside each geometry (for labels), as a FeatureCollection."""
    if df.empty:
        return feature_collection([])
    pts = shapely.point_on_surface(geometries(df[geom_col]))
    ok = ~shapely.is_missing(pts)
    frame = df[ok].assign(_x=shapely.get_x(pts[ok]), _y=shapely.get_y(pts[ok]))
    return point_features(frame, props, lon="_x", lat="_y", basemap=basemap)


def bounds(*collections: dict) -> list[list[float]] | None:
    """[[south, west], [north, east]] over all coordinates of the given FeatureCollections."""
    lo = [math.inf, math.inf]
    hi = [-math.inf, -math.inf]

    def walk(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            lo[0], lo[1] = min(lo[0], c[0]), min(lo[1], c[1])
            hi[0], hi[1] = max(hi[0], c[0]), max(hi[1], c[1])
        elif isinstance(c, (list, tuple)):
            for x in c:
                walk(x)

    for fc in collections:
        for f in (fc or {}).get("features", []):
            if f.get("geometry"):
                walk(f["geometry"]["coordinates"])
    if lo[0] == math.inf:
        return None
    return [[lo[1], lo[0]], [hi[1], hi[0]]]


def point_bounds(
    df: pd.DataFrame, *, lon: str = "lon", lat: str = "lat", basemap: str = "none"
) -> list[list[float]] | None:
    """bounds() of the points point_features would make from these rows, without making them."""
    ok = df[lon].notna() & df[lat].notna() if len(df) else None
    if ok is None or not ok.any():
        return None
    xs, ys = display_lonlat(df.loc[ok, lon].to_numpy(), df.loc[ok, lat].to_numpy(), basemap)
    return [[float(ys.min()), float(xs.min())], [float(ys.max()), float(xs.max())]]


def wkb_bounds(df: pd.DataFrame, *, geom_col: str = "geom_wkb", basemap: str = "none") -> list[list[float]] | None:
    """bounds() of the features wkb_features would make from these rows, without making them."""
    if df.empty:
        return None
    coords = shapely.get_coordinates(geometries(df[geom_col]))
    if len(coords) == 0:
        return None
    xy = display_coords(coords, basemap)
    return [[float(xy[:, 1].min()), float(xy[:, 0].min())], [float(xy[:, 1].max()), float(xy[:, 0].max())]]


def download_geojson(df: pd.DataFrame, props: Sequence[str], *, geom_col: str | None = None) -> bytes:
    """GeoJSON bytes (UTF-8) of exactly the given rows, in WGS-84 as stored (not shifted, not rounded):
    points from lon/lat, or lines/polygons from `geom_col`."""
    feats: list[dict[str, Any]]
    if geom_col is None:
        feats = [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(x), float(y)]}, "properties": p}
            for x, y, p in zip(df["lon"], df["lat"], _records(df, props))
        ]
    else:
        geoms = geometries(df[geom_col]) if len(df) else np.array([], dtype=object)
        texts: Iterable[str | None] = shapely.to_geojson(geoms) if len(df) else []
        feats = [
            {"type": "Feature", "geometry": None if t is None else json.loads(t), "properties": p}
            for t, p in zip(texts, _records(df, props))
        ]
    return export.geojson_bytes(feats)
