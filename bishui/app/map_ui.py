"""The maps on the UI side: the map settings of this deployment (base map, Tianditu key in
st.secrets, Leaflet served by the app itself) and the pages' cached FeatureCollections."""

from __future__ import annotations

import functools
from typing import Any, Callable, Sequence

import streamlit as st
from streamlit.components.v1 import declare_component

from bishui import config
from bishui.db import map_data, store
from bishui.views import maps
from bishui.views import vendor


@functools.cache
def _cached_features() -> Callable[..., dict]:
    """map_data.features behind st.cache_data, made on first use inside the app."""

    @st.cache_data(max_entries=64, show_spinner=False)
    def _features(name: str, frozen: tuple, kind: str, props: tuple, basemap: str, version: str) -> dict:  # noqa: ARG001 - version: cache key
        return map_data.features(name, dict(frozen), kind, props, basemap)

    return _features


def query_features(
    name: str, *, kind: str = "wkb", props: Sequence[str] = (), basemap: str = "none", **params: Any
) -> dict:
    """map_data.features, cached per (query, parameters, base map, warehouse version) inside a
    Streamlit app. Never mutate the result."""
    if not store.in_streamlit_app():
        return map_data.features(name, params, kind, tuple(props), basemap)
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached_features()(name, frozen, kind, tuple(props), basemap, store.warehouse_version(config.db_path()))


def map_context(lang: str, bounds: list[list[float]] | None) -> tuple[maps.MapContext, list[str]]:
    """The page's maps.MapContext from the settings (base map, Tianditu key in st.secrets), with
    Leaflet served by the app itself (bishui.views.vendor), and i18n keys of notes to show under the map."""
    notes: list[str] = []
    basemap, key = config.basemap(), None
    if basemap == "tianditu":
        try:
            key = st.secrets.get("tianditu_key")
        except Exception:  # no secrets file at all
            key = None
        if not key:
            notes.append("map.no_tianditu_key")
            basemap = "none"
    serve_map_libraries()
    assets = maps.Assets(base_url=st.get_option("server.baseUrlPath") or "")
    return maps.MapContext(lang=lang, basemap=basemap, tianditu_key=key, assets=assets, bounds=bounds), notes


def serve_map_libraries() -> None:
    """Register each pinned map package's data folder (bishui.views.vendor) with the running Streamlit
    server as a component folder, so its files are served at /component/bishui.app.map_ui.<name>/
    (idempotent; needs a script run, as when a page builds its map). Raises when the packages are not
    installed."""
    if issues := vendor.problems():
        raise RuntimeError("; ".join(issues))
    for pkg in vendor.PACKAGES:
        component = declare_component(pkg.name, path=str(pkg.folder))
        assert component.name == pkg.component, component.name  # the URL the maps use
