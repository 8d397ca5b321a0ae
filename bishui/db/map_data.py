"""The maps' data: a query's rows as a GeoJSON FeatureCollection for the base map in use (the data
side of the maps; bishui.views.geo does the geometry, bishui.app.map_ui caches this for pages)."""

from __future__ import annotations

from typing import Any, Sequence

from bishui.views import geo
from bishui.db import store


def features(
    name: str, params: dict[str, Any], kind: str = "wkb", props: Sequence[str] = (), basemap: str = "none"
) -> dict:
    """The FeatureCollection of queries/<name>.sql: kind 'wkb' (geom_wkb), 'points' (lon/lat) or
    'labels' (a label point inside each geom_wkb)."""
    df = store.query(name, **params)
    if kind == "points":
        return geo.point_features(df, props, basemap=basemap)
    if kind == "labels":
        return geo.label_points(df, props, basemap=basemap)
    return geo.wkb_features(df, props, basemap=basemap)
