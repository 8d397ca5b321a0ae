"""Pure folium builders for the outfall and pipe maps: query frames (outfalls, pipes) and GeoJSON dicts
(the other layers) in, folium.Map out. No Streamlit.

How the maps stay fast and work offline (see benchmarks/maps_bench.py for the measurements):
- Layers are built from GeoJSON dicts (bishui.views.geo, coordinates rounded to 5 decimals) and embedded in
  a columnar form (compact(): coordinates, colour index, pre-escaped tooltip, ring flag, width) from
  which a small JS helper makes the Leaflet layers directly, one shared style object per colour and
  one tooltip per layer (its content taken from the hovered feature).
- Vector markers only: circle markers drawn on the map's single shared canvas (`prefer_canvas`), and
  a few inline-SVG shapes (sections, facilities) as DivIcons. No image markers, so nothing can
  render as a broken image without internet. Many points (> CLUSTER_MIN) go into a marker cluster
  (Leaflet.markercluster: CSS-only cluster icons).
- Leaflet (and markercluster when used) comes from the app's own server (bishui.views.vendor: pinned
  Python packages, no CDN); nothing else is loaded, not folium's jQuery/Bootstrap/Font Awesome.
- The outfall and pipe layers take their query frames, not GeoJSON (one production path; the
  feature-by-feature GeoJSON builder lives on as a test oracle, tests/map_oracle.py): the columns are then
  built vectorised (labels and escaping once per distinct value), and outfall tooltips are sent as a
  per-row part (ID, name) plus an index into the distinct shared parts (`t` + `ts[tk]`), which halves
  the HTML for 50,000 outfalls. A layer's JSON is made once and put into the page as it is (folium
  would compile it as a Jinja template).
- Every string from the data is passed through html.escape before it reaches a tooltip, a label or
  the legend, and the embedded JSON has every `<` written as \\u003c.

Feature properties the builders read are named in each builder's docstring.
"""

from __future__ import annotations

import contextlib
import gc
import html
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence, cast

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement
from folium.map import Layer
from folium.template import Template

from bishui.views import geo
from bishui import i18n
from bishui.rules import standards
from bishui.views import vendor
from bishui.rules.standards import CLASS_COLORS, NO_DATA_COLOR

CLUSTER_MIN = 3000  # more outfalls than this are clustered
FONT = '"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif'

OUTFALL_CATEGORY_COLORS = {
    "industrial": "#6a3d9a",
    "urban_wwtp": "#1f78b4",
    "agricultural": "#b8860b",
    "other": "#e7298a",
}
OUTFALL_STATUS_COLORS = {
    "surveyed": "#8c8c8c",
    "monitored": "#1f78b4",
    "traced": "#ff7f00",
    "rectifying": "#e31a1c",
    "closed": "#33a02c",
}
PIPE_KIND_COLORS = {"rain": "#2b8cbe", "sewage": "#8c510a", "combined": "#d7191c"}
RETROFIT_COLORS = {"none": "#a6a6a6", "planned": "#fdae61", "in_progress": "#f46d43", "done": "#1a9850"}
FACILITY_STYLE = {
    "wwtp": ("square", "#08519c"),
    "pump_station": ("diamond", "#6a3d9a"),
    "overflow_point": ("triangle", "#e31a1c"),
}
RIVER_COLOR, TOWN_COLOR, BLANK_COLOR, RING_COLOR = "#3a7bd5", "#555555", "#7f3b08", "#111111"

# The feature properties each layer builder reads (what bishui.views.geo must put into the GeoJSON).
OUTFALL_PROPS = (
    "outfall_id",
    "name_zh",
    "category",
    "sub_type",
    "river_zh",
    "river_en",
    "town_zh",
    "town_en",
    "status",
    "is_overdue",
    "is_last_exceeded",
    "last_exceeded_parameters",
)
SECTION_PROPS = ("name_zh", "name_en", "river_zh", "river_en", "water_class", "target_class", "completeness")
PIPE_PROPS = ("pipe_id", "kind", "retrofit_status", "road_zh", "diameter_mm", "length_m")
FACILITY_PROPS = ("kind", "name_zh", "name_en", "status", "capacity_m3_d")
NAME_PROPS = ("name_zh", "name_en")

TILES = {
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
        None,
    ),
    "amap": (
        "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
        "&copy; 高德地图 AutoNavi",
        "1234",
    ),
    "tianditu": (
        "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
        "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
        "&TILECOL={x}&tk={key}",
        "&copy; 天地图 Tianditu",
        "01234567",
    ),
}

_CSS = """<style>
div.leaflet-container{background:#eef2f5;font-family:%(font)s}
.bishui-legend{background:rgba(255,255,255,.93);padding:6px 9px;border-radius:5px;box-shadow:0 1px 5px rgba(0,0,0,.35);
 font:12px/1.45 %(font)s;color:#222;max-height:70vh;overflow:auto;max-width:260px}
.bishui-legend summary{cursor:pointer;font-weight:600;font-size:12px;color:#555}
.bishui-legend h4{margin:5px 0 2px;font-size:12px;font-weight:600}
.bishui-legend summary+h4{margin-top:3px}
.bishui-legend .it{display:flex;align-items:center;gap:6px;white-space:nowrap}
.bishui-legend .row{display:flex;flex-wrap:wrap;column-gap:8px;max-width:220px}
.bishui-legend .sw{display:inline-block;flex:none;width:12px;height:12px;box-sizing:border-box}
.bishui-legend .sw-circle{border-radius:50%%;border:1px solid #fff;box-shadow:0 0 0 1px #777}
.bishui-legend .sw-ring{border-radius:50%%;border:3px solid #111;background:#fff}
.bishui-legend .sw-line{height:4px;width:20px;border-radius:2px}
.bishui-legend .sw-dash{height:0;width:20px;border-top:2px dashed #555}
.bishui-legend .sw-svg{width:14px;height:14px}
.bishui-shape,.bishui-label{background:none;border:none}
.bishui-label span{display:inline-block;transform:translate(-50%%,-50%%);font:600 12px %(font)s;color:#3d3d3d;
 white-space:nowrap;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;pointer-events:none}
.leaflet-tooltip{font-family:%(font)s}
</style>""" % {"font": FONT}

_HELPERS_JS = r"""
var BISHUI_SHAPES = {
  square: 'M3 3H17V17H3Z', diamond: 'M10 1L19 10L10 19L1 10Z', triangle: 'M10 2L19 18H1Z'
};
function bishuiShape(shape, color, size, stroke) {
  return '<svg width="' + size + '" height="' + size + '" viewBox="0 0 20 20"><path d="' + BISHUI_SHAPES[shape] +
    '" fill="' + color + '" stroke="' + stroke + '" stroke-width="2"/></svg>';
}
var BISHUI_DEPTH = {LineString: 0, MultiLineString: 1, Polygon: 1, MultiPolygon: 2};
function bishuiLayer(d, o) {
  /* d: columnar layer data (see bishui.views.maps.compact); o: layer options. Builds the Leaflet layers
     directly (no GeoJSON parsing), one shared style object per colour. */
  var pal = o.palette, n = d.g.length, layers = new Array(n), styles = {}, i;
  function color(k) { return pal[k] || o.fallback; }
  function pathStyle(k, w) {
    var key = k + ':' + w;
    if (!styles[key]) {
      styles[key] = {color: o.stroke || color(k), weight: w || o.weight, opacity: o.opacity, dashArray: o.dash,
        fill: o.kind === 'polygon' && o.fillOpacity > 0, fillColor: color(k), fillOpacity: o.fillOpacity,
        interactive: o.interactive};
    }
    return styles[key];
  }
  function point(ll, k, flag, tip) {
    if (o.shape === 'label') {
      return L.marker(ll, {interactive: false, keyboard: false,
        icon: L.divIcon({className: 'bishui-label', html: '<span>' + tip + '</span>', iconSize: null})});
    }
    if (o.shape !== 'circle') {
      return L.marker(ll, {interactive: o.interactive, keyboard: false, icon: L.divIcon({className: 'bishui-shape',
        html: bishuiShape(o.shape, color(k), o.size, o.stroke), iconSize: [o.size, o.size],
        iconAnchor: [o.size / 2, o.size / 2]})});
    }
    var ring = flag === 1;
    return L.circleMarker(ll, {radius: ring ? o.ringRadius : o.radius, color: ring ? o.ringColor : o.stroke,
      weight: ring ? o.ringWeight : o.weight, opacity: 1, fillColor: color(k), fillOpacity: o.fillOpacity,
      interactive: o.interactive});
  }
  for (i = 0; i < n; i++) {
    var type = typeof d.y === 'string' ? d.y : d.y[i], co = d.g[i], k = d.c[i];
    var flag = d.x ? d.x[i] : 0, tip = d.t ? (d.tk ? d.t[i] + d.ts[d.tk[i]] : d.t[i]) : null, l;
    if (type === 'Point') {
      l = point([co[1], co[0]], k, flag, tip);
    } else if (type === 'MultiPoint') {
      l = L.featureGroup(co.map(function (c) { return point([c[1], c[0]], k, flag, tip); }));
    } else if (type === 'LineString' || type === 'MultiLineString') {
      l = L.polyline(L.GeoJSON.coordsToLatLngs(co, BISHUI_DEPTH[type]), pathStyle(k, d.w ? d.w[i] : 0));
    } else {
      l = L.polygon(L.GeoJSON.coordsToLatLngs(co, BISHUI_DEPTH[type]), pathStyle(k, d.w ? d.w[i] : 0));
    }
    l._bishuiTip = tip;
    layers[i] = l;
  }
  var group;
  if (o.cluster && L.markerClusterGroup) {
    group = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45,
      disableClusteringAtZoom: 16, spiderfyOnMaxZoom: false});
    group.addLayers(layers);
  } else {
    group = L.featureGroup(layers);
  }
  if (o.tooltips !== 'none') {
    /* One tooltip for the whole layer, its content made from the hovered feature's pre-escaped HTML:
       far cheaper than a Tooltip object per feature. It returns an element, as streamlit-folium
       expects when it reads a clicked object's tooltip text. */
    group.bindTooltip(function (l) {
      var s = document.createElement('span'); s.innerHTML = l._bishuiTip || ''; return s;
    }, {sticky: o.kind !== 'point', direction: 'top'});
  }
  return group;
}
"""


def esc(value: Any) -> str:
    """HTML-escaped text of a data value ('' for None/NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def _js_json(obj: Any) -> str:
    """JSON for embedding in a <script>: compact, UTF-8, every '<' written as \\u003c."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")


# ---- assets ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Assets:
    """Where the browser gets Leaflet (and markercluster) from: always the app's own server (bishui.views.vendor,
    from pinned Python packages), below the server's base URL path ('' or '/prefix')."""

    base_url: str = ""

    def js(self, cluster: bool = False) -> list[tuple[str, str]]:
        out = [("leaflet", vendor.LEAFLET.url("leaflet.js", self.base_url))]
        if cluster:
            out.append(("markercluster", vendor.MARKERCLUSTER.url("leaflet.markercluster.js", self.base_url)))
        return out

    def css(self, cluster: bool = False) -> list[tuple[str, str]]:
        out = [("leaflet_css", vendor.LEAFLET.url("leaflet.css", self.base_url))]
        if cluster:
            out += [
                (f"markercluster_css{i}", vendor.MARKERCLUSTER.url(c, self.base_url))
                for i, c in enumerate(vendor.MARKERCLUSTER.css)
            ]
        return out


# ---- elements -------------------------------------------------------------------------------
class _Helpers(MacroElement):
    """The shared JS helpers (bishuiLayer); added to every map before its layers."""

    _template = Template("{% macro script(this, kwargs) %}" + _HELPERS_JS + "{% endmacro %}")


class _RawElement(Element):
    """Text put into the page as it is (not compiled as a template)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:  # noqa: ARG002
        return self.text


class VectorLayer(Layer):
    """One L.geoJSON layer (optionally clustered) from a compact GeoJSON dict (see module doc)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = bishuiLayer({{ this.data_json }}, {{ this.options_json }});
        {% endmacro %}
    """)

    def __init__(
        self,
        data: dict,
        *,
        name: str,
        kind: str,
        palette: Sequence[str],
        options: Mapping | None = None,
        show: bool = True,
        control: bool = True,
    ):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "VectorLayer"
        self.data = data
        opts = {
            "kind": kind,
            "palette": list(palette),
            "fallback": NO_DATA_COLOR,
            "interactive": True,
            "tooltips": "group",
            "shape": "circle",
            "radius": 5,
            "weight": 1,
            "stroke": "#ffffff" if kind == "point" else None,
            "fillOpacity": 0.9,
            "opacity": 0.9,
            "dash": None,
            "ringRadius": 7,
            "ringWeight": 3,
            "ringColor": RING_COLOR,
            "size": 16,
            "cluster": False,
        }
        opts.update(options or {})
        self.options = opts

    @property
    def data_json(self) -> str:
        # Memoised: folium and streamlit-folium render a layer's script more than once.
        if getattr(self, "_json_of", None) is not self.data:
            self._json, self._json_of = _js_json(self.data), self.data
        return self._json

    def render(self, **kwargs):
        """As folium's Layer.render, but the rendered script goes into the page as it is: folium would
        wrap it in an Element, i.e. compile megabytes of layer data as a Jinja template."""
        figure = self.get_root()
        assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."  # as folium's
        if self.show:
            assert self._parent is not None  # inside a Figure: added to a map
            self.add_child(
                ElementAddToElement(element_name=self.get_name(), element_parent_name=self._parent.get_name()),
                name=self.get_name() + "_add",
            )
        figure.script.add_child(_RawElement(self._template.module.script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)

    @property
    def options_json(self) -> str:
        return _js_json(self.options)

    @property
    def n_features(self) -> int:
        return len(self.data["g"])

    def rows(self) -> list[dict]:
        return rows(self.data)


class Legend(MacroElement):
    """A legend control; `sections` is [(title, [(swatch, colour, label), ...][, inline]), ...] with
    swatch one of circle | ring | line | dash | square | diamond | triangle; an inline section lays
    its items out in a wrapping row. Titles and labels are escaped here."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var d = L.DomUtil.create('div', 'bishui-legend');
            d.innerHTML = {{ this.html_json }};
            L.DomEvent.disableClickPropagation(d);
            L.DomEvent.disableScrollPropagation(d);
            return d;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, sections: Sequence[tuple], position: str = "bottomleft", summary: str = ""):
        super().__init__()
        self._name = "Legend"
        self.sections = [s for s in sections if s[1]]
        self.summary = summary
        self.position = position

    @property
    def html(self) -> str:
        return legend_html(self.sections, self.summary)

    @property
    def html_json(self) -> str:
        return _js_json(self.html)


def _swatch(kind: str, color: str) -> str:
    c = esc(color)
    if kind in ("square", "diamond", "triangle"):
        path = {"square": "M3 3H17V17H3Z", "diamond": "M10 1L19 10L10 19L1 10Z", "triangle": "M10 2L19 18H1Z"}[kind]
        return (
            f'<svg class="sw sw-svg" viewBox="0 0 20 20"><path d="{path}" fill="{c}" stroke="#333" '
            f'stroke-width="1.5"/></svg>'
        )
    if kind == "dash":
        return f'<span class="sw sw-dash" style="border-top-color:{c}"></span>'
    if kind == "ring":
        return f'<span class="sw sw-ring" style="border-color:{c}"></span>'
    return f'<span class="sw sw-{esc(kind)}" style="background:{c}"></span>'


def legend_html(sections: Iterable[tuple], summary: str = "") -> str:
    """The legend's HTML (sections as for Legend), collapsible under `summary` when given: every title
    and label escaped."""
    parts = [f"<details open><summary>{esc(summary)}</summary>"] if summary else []
    for title, items, *rest in sections:
        inline = bool(rest and rest[0])
        parts.append(f"<h4>{esc(title)}</h4>")
        if inline:
            parts.append('<div class="row">')
        for kind, color, label in items:
            parts.append(f'<div class="it">{_swatch(kind, color)}<span>{esc(label)}</span></div>')
        if inline:
            parts.append("</div>")
    if summary:
        parts.append("</details>")
    return "".join(parts)


# ---- the base map ---------------------------------------------------------------------------
def base_map(
    bounds: list[list[float]] | None = None,
    *,
    basemap: str = "none",
    tianditu_key: str | None = None,
    assets: Assets | None = None,
    cluster: bool = False,
    lang: str = "zh",
) -> folium.Map:
    """An empty map: no tiles (basemap 'none'), OpenStreetMap, AMap (GCJ-02 tiles: shift the data with
    bishui.views.geo) or Tianditu (needs a key; without one, no tiles). Canvas rendering, scale bar, the
    house CSS and JS helpers; Leaflet from the app's server (`assets`: its base URL path)."""
    assets = assets or Assets()
    m = folium.Map(
        location=[36.45, 116.0],
        zoom_start=12,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        max_zoom=19,
        min_zoom=5,
        zoom_snap=0.25,
        zoom_delta=0.5,
        font_size="13px",
        maxZoom=19,
        minZoom=5,
    )  # on the map itself too: markercluster needs it without tiles
    m.default_js = assets.js(cluster)  # instead of folium's CDN list (jQuery, Bootstrap, Font Awesome ...)
    m.default_css = assets.css(cluster)
    figure = m.get_root()
    assert isinstance(figure, Figure)  # folium.Map puts itself in a Figure
    figure.header.add_child(Element(_CSS), name="bishui_css")
    url, attr, subdomains = TILES.get(basemap, (None, None, None))
    if basemap == "tianditu":
        if tianditu_key:
            assert url is not None and subdomains is not None  # TILES has tianditu's
            for layer, name in (
                ("vec", "天地图" if lang == "zh" else "Tianditu"),
                ("cva", "注记" if lang == "zh" else "Labels"),
            ):
                folium.TileLayer(
                    url.format(s="{s}", layer=layer, z="{z}", x="{x}", y="{y}", key=esc(tianditu_key)),
                    attr=attr,
                    name=name,
                    subdomains=subdomains,
                    max_zoom=18,
                    overlay=layer == "cva",
                    control=False,
                ).add_to(m)
    elif url:
        kwargs: dict[str, Any] = {"subdomains": subdomains} if subdomains else {}
        folium.TileLayer(
            url, attr=attr, name=basemap, max_zoom=19 if basemap == "osm" else 18, control=False, **kwargs
        ).add_to(m)
    _Helpers().add_to(m)
    if bounds:
        m.fit_bounds(bounds, padding=(12, 12), max_zoom=15)
    return m


def html_document(m: folium.Map) -> str:
    """The whole standalone HTML page of a map (what a browser would load)."""
    return m.get_root().render()


# ---- compact layer data ---------------------------------------------------------------------
def compact(
    fc: dict,
    color: Callable[[dict], int],
    tooltip: Callable[[dict], str] | None = None,
    ring: Callable[[dict], bool] | None = None,
    width: Callable[[dict], float] | None = None,
) -> dict:
    """The browser's form of a layer, from a FeatureCollection: columns instead of GeoJSON features
    (about a third smaller and built without GeoJSON parsing in the browser). `g`: each feature's
    GeoJSON coordinates (shared with `fc`, not copied or changed); `y`: the geometry type, or one per
    feature when they differ; `c`: palette index; `t`: escaped tooltip HTML (layers built from frames
    may add `ts` and `tk`: the tooltip is then t[i] + ts[tk[i]]); `x`: ring flags; `w`:
    line widths (0 = the layer's). Features without geometry are left out."""
    feats = [f for f in fc.get("features", []) if f.get("geometry")]
    props = [f.get("properties") or {} for f in feats]
    types = [f["geometry"]["type"] for f in feats]
    data: dict[str, Any] = {
        "y": types[0] if len(set(types)) == 1 else types,
        "g": [f["geometry"]["coordinates"] for f in feats],
        "c": [color(p) for p in props],
    }
    if not feats:
        data["y"] = "Point"
    data["t"] = [tooltip(p) for p in props] if tooltip is not None else None
    flags = [1 if ring(p) else 0 for p in props] if ring is not None else []
    data["x"] = flags if any(flags) else None
    widths = [width(p) for p in props] if width is not None else []
    data["w"] = widths if any(widths) else None
    return data


def rows(data: dict) -> list[dict]:
    """compact()'s columns back as one dict per feature (type, coordinates, c, t, x, w), for tests."""
    n = len(data["g"])
    types = data["y"] if isinstance(data["y"], list) else [data["y"]] * n
    return [
        {
            "type": types[i],
            "coordinates": data["g"][i],
            "c": data["c"][i],
            "t": (data["t"][i] + data["ts"][data["tk"][i]] if data.get("tk") is not None else data["t"][i])
            if data["t"] is not None
            else None,
            "x": data["x"][i] if data["x"] is not None else 0,
            "w": data["w"][i] if data["w"] is not None else 0,
        }
        for i in range(n)
    ]


@contextlib.contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while a layer's columns (tens of thousands of small lists,
    no cycles) are made: otherwise its full passes over the heap take about as long as the work."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _esc_column(values: pd.Series, label: Callable[[Any], Any] | None = None) -> np.ndarray:
    """esc(label(v)) for each value of a column, computed once per distinct value (object array)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if label is not None or not pd.api.types.is_string_dtype(uniques.dtype):
        label = label or (lambda v: v)
        out = np.array([esc(label(u)) for u in uniques] + [esc(label(None))], dtype=object)
    else:  # text: escape only the values that need it (ids and names: mostly distinct, rarely special)
        text = pd.Series(uniques)
        special = text.str.contains(r"[&<>\"']", regex=True, na=False).to_numpy(dtype=bool)
        out = np.array(text.tolist() + [""], dtype=object)
        out[:-1][special] = [esc(v) for v in text[special]]
    return out[codes]  # code -1 (missing) takes the last entry


_MARK = "\x00{}\x00"


def _fill(template: str, columns: Mapping[str, np.ndarray], n: int) -> np.ndarray:
    """`template` (text with _MARK markers) filled row-wise from `columns` (marker -> object array of
    escaped text), vectorised."""
    parts = re.split("(\x00\\d+\x00)", template)  # literal, marker, literal, ...
    text = np.full(n, parts[0], dtype=object)
    for k in range(1, len(parts), 2):
        text = text + columns[parts[k]] + parts[k + 1]
    return text


def _frame_tooltips(
    df: pd.DataFrame, tip: Callable[[dict], str], row_cols: Sequence[str], shared_cols: Sequence[str]
) -> dict:
    """Tooltips for the rows of a frame as compact()'s `t` column, built once per distinct combination
    of `shared_cols`: `tip(p)` (p: a row's properties) is called with each `row_cols` value replaced by
    a marker; when the row-specific values all come before the shared text, the result is the per-row
    part `t` (the escaped row values in the tooltip's frame) plus `tk`, an index into `ts`, the
    distinct shared parts. Otherwise one full tooltip per row."""
    n = len(df)
    if n == 0:
        return {"t": []}
    shared_cols = list(shared_cols)
    keys = (
        df.groupby(shared_cols, dropna=False, sort=False).ngroup().to_numpy() if shared_cols else np.zeros(n, dtype=int)
    )
    first = pd.Series(np.arange(n)).groupby(keys, sort=True).first().to_numpy()  # a row per key 0..k-1
    shared = df.iloc[first][shared_cols].astype(object)
    shared = shared.where(shared.notna(), None).set_axis(first)
    marks = {c: _MARK.format(i) for i, c in enumerate(row_cols)}
    heads, tails, ok = [], [], True
    for r in first:
        text = tip({**shared.loc[r].to_dict(), **marks})
        ok = ok and all(text.count(m) == 1 for m in marks.values())
        cut = max(text.rfind(m) + len(m) for m in marks.values())
        heads.append(text[:cut])
        tails.append(text[cut:])
    if not ok or len(set(heads)) != 1:  # the row values are not a common prefix: full tooltips per row
        out = [tip({**shared.loc[first[keys[i]]].to_dict(), **{c: df[c].iat[i] for c in row_cols}}) for i in range(n)]
        return {"t": out}
    filled = _fill(heads[0], {m: _esc_column(df[c]) for c, m in marks.items()}, n)
    return {"t": filled.tolist(), "tk": keys.tolist(), "ts": tails}


def _lbl(kind: str, code: Any, lang: str) -> str:
    return i18n.code_label(kind, code, lang)


def _param_name(code: str, lang: str) -> str:
    par = standards.parameters().get(code)
    return code if par is None else (par.name_zh if lang == "zh" else par.name_en)


def _pick(p: dict, base: str, lang: str) -> Any:
    return p.get(f"{base}_{lang}") or p.get(f"{base}_zh") or ""


def _outfall_frame_data(
    df: pd.DataFrame, tip: Callable[[dict], str], codes: Sequence[str], key: str, basemap: str
) -> dict:
    """compact()'s form of the outfall layer straight from the inventory frame (vectorised; tooltips
    built once per distinct shared part, see _frame_tooltips). Rows without lon/lat are left out."""
    df = df[df["lon"].notna() & df["lat"].notna()] if len(df) else df
    xs, ys = geo.display_lonlat(df["lon"].to_numpy(), df["lat"].to_numpy(), basemap)
    pos = {c: i for i, c in enumerate(codes)}
    ring = (
        df["is_last_exceeded"].fillna(False).astype(bool).to_numpy()
        if "is_last_exceeded" in df
        else np.zeros(len(df), bool)
    )
    props = [c for c in OUTFALL_PROPS if c in df.columns]
    shared = [c for c in props if c not in ("outfall_id", "name_zh")]
    if "last_exceeded_parameters" in df:  # read only when exceeded: fewer distinct shared parts
        df = df.assign(last_exceeded_parameters=df["last_exceeded_parameters"].astype(object).where(ring, None))
    data: dict[str, Any] = {
        "y": "Point",
        "g": np.column_stack([xs, ys]).tolist(),
        "c": df[key].map(pos).fillna(-1).astype(int).tolist() if key in df else [-1] * len(df),
    }
    data.update(_frame_tooltips(df, tip, [c for c in ("outfall_id", "name_zh") if c in df.columns], shared))
    data["x"] = ring.astype(int).tolist() if ring.any() else None
    data["w"] = None
    return data


def outfall_layer(
    df: pd.DataFrame,
    *,
    color_by: str = "category",
    lang: str = "zh",
    cluster: bool | None = None,
    basemap: str = "none",
) -> VectorLayer:
    """Outfalls as circle markers coloured by HJ 1312 category or life-cycle status, ringed when their
    latest inspection exceeded a limit, straight from the inventory frame (vectorised). Columns read:
    outfall_id, name_zh, category, sub_type, river_zh/river_en, town_zh/town_en, status, is_overdue,
    is_last_exceeded, last_exceeded_parameters, and lon/lat (WGS-84; shifted for `basemap` here).
    tests/map_oracle.py builds the same layer feature by feature from GeoJSON, as a test oracle."""
    codes = list(OUTFALL_CATEGORY_COLORS if color_by == "category" else OUTFALL_STATUS_COLORS)
    colors = OUTFALL_CATEGORY_COLORS if color_by == "category" else OUTFALL_STATUS_COLORS
    key = "category" if color_by == "category" else "status"

    def tip(p: dict) -> str:
        exceeded = ""
        if p.get("is_last_exceeded"):
            params = ("、" if lang == "zh" else ", ").join(
                _param_name(c, lang) for c in str(p.get("last_exceeded_parameters") or "").split(";") if c
            )
            exceeded = i18n.t("map.tip.exceeded", lang, params=esc(params))
        return i18n.t(
            "map.tip.outfall",
            lang,
            id=esc(p.get("outfall_id")),
            name=esc(p.get("name_zh")),
            category=esc(_lbl("of_category", p.get("category"), lang)),
            sub_type=esc(_lbl("of_sub_type", p.get("sub_type"), lang)),
            river=esc(_pick(p, "river", lang)),
            town=esc(_pick(p, "town", lang)),
            status=esc(_lbl("of_status", p.get("status"), lang)),
            overdue=i18n.t("map.tip.overdue", lang) if p.get("is_overdue") else "",
            exceeded=exceeded,
        )

    with _gc_paused():
        data = _outfall_frame_data(df, tip, codes, key, basemap)
    n = len(data["g"])
    cluster = n > CLUSTER_MIN if cluster is None else cluster
    return VectorLayer(
        data,
        name=i18n.t("map.layer.outfalls", lang),
        kind="point",
        palette=[colors[c] for c in codes],
        options={"radius": 5.5, "ringRadius": 7.5, "cluster": cluster},
    )


def river_layer(fc: dict, *, lang: str = "zh") -> VectorLayer:
    """Rivers as blue lines. Properties read: name_zh, name_en."""
    data = compact(fc, lambda p: 0, lambda p: esc(_pick(p, "name", lang)))
    return VectorLayer(
        data,
        name=i18n.t("map.layer.rivers", lang),
        kind="line",
        palette=[RIVER_COLOR],
        options={"weight": 3.5, "opacity": 0.85},
    )


def town_layer(fc: dict, labels: dict | None = None, *, lang: str = "zh") -> list[VectorLayer]:
    """Township boundaries (dashed, not clickable) and their names at a point inside each.
    Properties read: name_zh, name_en."""
    layers = [
        VectorLayer(
            compact(fc, lambda p: 0),
            name=i18n.t("map.layer.towns", lang),
            kind="polygon",
            palette=[TOWN_COLOR],
            options={
                "weight": 1.5,
                "dash": "5 4",
                "fillOpacity": 0.03,
                "opacity": 0.8,
                "interactive": False,
                "tooltips": "none",
            },
        )
    ]
    if labels:
        layers.append(
            VectorLayer(
                compact(labels, lambda p: 0, lambda p: esc(_pick(p, "name", lang))),
                name=i18n.t("map.layer.towns", lang),
                kind="point",
                palette=[TOWN_COLOR],
                options={"shape": "label", "interactive": False, "tooltips": "none"},
                control=False,
            )
        )
    return layers


def section_layer(fc: dict, *, lang: str = "zh", month_label: str = "") -> VectorLayer:
    """Monitoring sections as diamonds coloured by their class in the month (grey: no data, and a
    month that is not complete: its class so far and its status are in the tooltip, never a final
    colour). Properties read: name_zh, name_en, river_zh/river_en, water_class, target_class,
    completeness (absent = complete)."""

    def final(p: dict) -> bool:
        return p.get("completeness") in (None, "complete")

    def tip(p: dict) -> str:
        k, target = p.get("water_class"), p.get("target_class")
        klass = i18n.t(f"class.{int(k)}", lang) if k else i18n.t("class.none", lang)
        if k and not final(p):
            klass += " (" + i18n.t(f"cmp.status.{p['completeness']}", lang) + ")"
        return i18n.t(
            "map.tip.section",
            lang,
            name=esc(_pick(p, "name", lang)),
            river=esc(_pick(p, "river", lang)),
            month=esc(month_label),
            klass=esc(klass),
            target=esc(i18n.t(f"class.{int(target)}", lang) if target else "–"),
        )

    palette = [CLASS_COLORS[k] for k in range(1, 7)]
    data = compact(fc, lambda p: int(p["water_class"]) - 1 if p.get("water_class") and final(p) else -1, tip)
    return VectorLayer(
        data,
        name=i18n.t("map.layer.sections", lang),
        kind="point",
        palette=palette,
        options={"shape": "diamond", "size": 18, "stroke": "#222222"},
    )


def _pipe_frame_data(df: pd.DataFrame, codes: Sequence[str], key: str, focus: set, lang: str, basemap: str) -> dict:
    """compact()'s form of the pipe layer straight from the pipe_segments frame (WKB in geom_wkb),
    vectorised; the same columns, order and tooltips as tests/map_oracle.py makes from GeoJSON."""
    df = df[df["geom_wkb"].notna()] if len(df) else df
    n = len(df)
    if n == 0:
        return compact({"features": []}, lambda p: 0)
    order = np.argsort(df[key].isin(focus).to_numpy(), kind="stable")  # the focus ones last
    df = df.iloc[order]
    geoms = shapely.from_wkb(np.array([bytes(v) for v in df["geom_wkb"]], dtype=object))
    types = shapely.get_type_id(geoms)
    y: str | list[str]
    if (types == 1).all():  # LineStrings: coordinates in one go
        coords, idx = shapely.get_coordinates(geoms, return_index=True)
        flat = geo.display_coords(coords, basemap).tolist()
        cuts = np.searchsorted(idx, np.arange(n + 1)).tolist()
        g, y = [flat[a:b] for a, b in zip(cuts[:-1], cuts[1:])], "LineString"
    else:
        shapes = cast(list[dict], geo.geojson_geometries(geoms, basemap))  # no None: the WKB is not null
        g, kinds = [x["coordinates"] for x in shapes], [x["type"] for x in shapes]
        y = kinds[0] if len(set(kinds)) == 1 else kinds
    pos = {c: i for i, c in enumerate(codes)}
    marks = [_MARK.format(i) for i in range(6)]
    length = df["length_m"].astype(float)
    length_text = pd.Series([f"{v:.0f}" if v == v else None for v in length.tolist()], dtype=object)
    text = _fill(
        i18n.t(
            "map.tip.pipe",
            lang,
            id=marks[0],
            kind=marks[1],
            retrofit=marks[2],
            road=marks[3],
            dn=marks[4],
            length=marks[5],
        ),
        {
            marks[0]: _esc_column(df["pipe_id"]),
            marks[1]: _esc_column(df["kind"], lambda v: _lbl("pipe_kind", v, lang)),
            marks[2]: _esc_column(df["retrofit_status"], lambda v: _lbl("retrofit", v, lang)),
            marks[3]: _esc_column(df["road_zh"]),
            marks[4]: _esc_column(df["diameter_mm"]),
            marks[5]: _esc_column(length_text),
        },
        n,
    )
    dn = df["diameter_mm"].astype(float).fillna(0).to_numpy()
    w = np.where(dn < 500, 0, np.where(dn < 1000, 2.5, 3.5))
    w = np.where(df[key].isin(focus).to_numpy(), np.maximum(w, 3), w)
    widths = [int(v) if v == int(v) else v for v in w.tolist()]
    return {
        "y": y,
        "g": g,
        "c": df[key].map(pos).fillna(-1).astype(int).tolist(),
        "t": text.tolist(),
        "x": None,
        "w": widths if any(widths) else None,
    }


def pipe_layer(df: pd.DataFrame, *, color_by: str = "kind", lang: str = "zh", basemap: str = "none") -> VectorLayer:
    """Pipe segments coloured by kind or retrofit status, thicker for bigger diameters; the ones the
    separation work is about (combined; planned or in progress) are drawn last and at least 3 px wide
    so they stay visible in a dense network. Straight from the pipe_segments frame (vectorised):
    pipe_id, kind, retrofit_status, road_zh, diameter_mm, length_m and geom_wkb (WGS-84; shifted for
    `basemap` here). tests/map_oracle.py builds the same layer feature by feature from GeoJSON."""
    colors = PIPE_KIND_COLORS if color_by == "kind" else RETROFIT_COLORS
    codes = list(colors)
    key = "kind" if color_by == "kind" else "retrofit_status"
    focus = {"combined"} if color_by == "kind" else {"planned", "in_progress"}
    with _gc_paused():
        feats = _pipe_frame_data(df, codes, key, focus, lang, basemap)
    return VectorLayer(
        feats,
        name=i18n.t("map.layer.pipes", lang),
        kind="line",
        palette=[colors[c] for c in codes],
        options={"weight": 1.5, "opacity": 0.9},
    )


def facility_layers(fc: dict, *, lang: str = "zh") -> list[VectorLayer]:
    """WWTPs (squares), pump stations (diamonds) and overflow points (triangles). Properties read:
    kind, name_zh, name_en, status, capacity_m3_d."""

    def tip(p: dict) -> str:
        cap = p.get("capacity_m3_d")
        return i18n.t(
            "map.tip.facility",
            lang,
            name=esc(_pick(p, "name", lang)),
            kind=esc(_lbl("map_facility", p.get("kind"), lang)),
            status=esc(_lbl("map_facility_status", p.get("status"), lang)),
            capacity=i18n.t("map.tip.capacity", lang, v=cap) if cap else "",
        )

    layers = []
    for kind, (shape, color) in FACILITY_STYLE.items():
        sub = {
            "type": "FeatureCollection",
            "features": [f for f in fc.get("features", []) if (f.get("properties") or {}).get("kind") == kind],
        }
        if sub["features"]:
            layers.append(
                VectorLayer(
                    compact(sub, lambda p: 0, tip),
                    name=_lbl("map_facility", kind, lang),
                    kind="point",
                    palette=[color],
                    options={"shape": shape, "size": 18 if kind == "wwtp" else 16, "stroke": "#ffffff"},
                )
            )
    return layers


def blank_area_layer(fc: dict, *, lang: str = "zh") -> VectorLayer:
    """Open network blank areas as hollow brown rings. Properties read: name_zh, found_on."""
    tip = lambda p: i18n.t("map.tip.blank_area", lang, name=esc(p.get("name_zh")), found=esc(p.get("found_on")))  # noqa: E731
    return VectorLayer(
        compact(fc, lambda p: 0, tip),
        name=i18n.t("map.layer.blank_areas", lang),
        kind="point",
        palette=[BLANK_COLOR],
        options={"radius": 9, "weight": 3, "stroke": BLANK_COLOR, "fillOpacity": 0.15},
    )


# ---- legends --------------------------------------------------------------------------------
def _other_items(lang: str) -> list[tuple[str, str, str]]:
    """The legend items every map shares: rivers and township boundaries."""
    return [
        ("line", RIVER_COLOR, i18n.t("map.legend.river", lang)),
        ("dash", TOWN_COLOR, i18n.t("map.legend.town", lang)),
    ]


def outfall_legend(*, color_by: str, lang: str, month_label: str, has_sections: bool = True) -> Legend:
    """The outfall map's legend in `lang`."""
    if color_by == "category":
        items = [("circle", c, _lbl("of_category", k, lang)) for k, c in OUTFALL_CATEGORY_COLORS.items()]
        title = i18n.t("map.legend.by_category", lang)
    else:
        items = [("circle", c, _lbl("of_status", k, lang)) for k, c in OUTFALL_STATUS_COLORS.items()]
        title = i18n.t("map.legend.by_status", lang)
    items.append(("ring", RING_COLOR, i18n.t("map.legend.exceeded", lang)))
    sections: list[tuple] = [(title, items)]  # (title, items[, inline]) as Legend takes
    if has_sections:
        sections.append(
            (
                i18n.t("map.legend.sections", lang, month=month_label),
                [("diamond", CLASS_COLORS[k], i18n.t(f"class.{k}", lang)) for k in range(1, 7)]
                + [("diamond", NO_DATA_COLOR, i18n.t("class.none", lang))],
                True,
            )
        )
    sections.append((i18n.t("map.legend.other", lang), _other_items(lang)))
    return Legend(sections, summary=i18n.t("map.legend", lang))


def pipe_legend(*, color_by: str, lang: str) -> Legend:
    """The pipe map's legend in `lang`."""
    if color_by == "kind":
        items = [("line", c, _lbl("pipe_kind", k, lang)) for k, c in PIPE_KIND_COLORS.items()]
        title = i18n.t("map.legend.pipes_by_kind", lang)
    else:
        items = [("line", c, _lbl("retrofit", k, lang)) for k, c in RETROFIT_COLORS.items()]
        title = i18n.t("map.legend.pipes_by_retrofit", lang)
    points = [(shape, color, _lbl("map_facility", k, lang)) for k, (shape, color) in FACILITY_STYLE.items()]
    points.append(("ring", BLANK_COLOR, i18n.t("map.legend.blank_area", lang)))
    return Legend(
        [
            (title, items),
            (i18n.t("map.legend.points", lang), points),
            (i18n.t("map.legend.other", lang), _other_items(lang)),
        ],
        summary=i18n.t("map.legend", lang),
    )


# ---- whole maps -----------------------------------------------------------------------------
@dataclass
class MapContext:
    """What every map needs besides its layers."""

    lang: str = "zh"
    basemap: str = "none"
    tianditu_key: str | None = None
    assets: Assets = field(default_factory=Assets)
    bounds: list[list[float]] | None = None


def _finish(m: folium.Map, layers: Sequence[VectorLayer], legend: Legend) -> folium.Map:
    for layer in layers:
        layer.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    legend.add_to(m)
    return m


def outfalls_map(
    outfalls: pd.DataFrame,
    *,
    rivers: dict,
    towns: dict,
    town_labels: dict | None = None,
    sections: dict | None = None,
    color_by: str = "category",
    month_label: str = "",
    ctx: MapContext | None = None,
    cluster: bool | None = None,
) -> folium.Map:
    """The outfall map: township boundaries and names, rivers, sections by class in the month, and the
    outfalls (clustered when there are many). The outfalls as a frame (outfall_layer), the other layers
    as GeoJSON from bishui.db.map_data, properties as named by outfall_layer, river_layer, town_layer and
    section_layer."""
    ctx = ctx or MapContext()
    layer = outfall_layer(outfalls, color_by=color_by, lang=ctx.lang, cluster=cluster, basemap=ctx.basemap)
    m = base_map(
        ctx.bounds,
        basemap=ctx.basemap,
        tianditu_key=ctx.tianditu_key,
        assets=ctx.assets,
        cluster=bool(layer.options["cluster"]),
        lang=ctx.lang,
    )
    layers = [*town_layer(towns, town_labels, lang=ctx.lang), river_layer(rivers, lang=ctx.lang)]
    if sections and sections.get("features"):
        layers.append(section_layer(sections, lang=ctx.lang, month_label=month_label))
    layers.append(layer)
    legend = outfall_legend(
        color_by=color_by,
        lang=ctx.lang,
        month_label=month_label,
        has_sections=bool(sections and sections.get("features")),
    )
    return _finish(m, layers, legend)


def pipes_map(
    pipes: pd.DataFrame,
    *,
    facilities: dict,
    blank_areas: dict,
    rivers: dict,
    towns: dict,
    town_labels: dict | None = None,
    color_by: str = "kind",
    ctx: MapContext | None = None,
) -> folium.Map:
    """The pipe map: township boundaries, rivers, pipe segments (canvas), open blank areas, and the
    WWTPs, pump stations and overflow points. Properties as named by the layer builders."""
    ctx = ctx or MapContext()
    m = base_map(ctx.bounds, basemap=ctx.basemap, tianditu_key=ctx.tianditu_key, assets=ctx.assets, lang=ctx.lang)
    layers = [
        *town_layer(towns, town_labels, lang=ctx.lang),
        river_layer(rivers, lang=ctx.lang),
        pipe_layer(pipes, color_by=color_by, lang=ctx.lang, basemap=ctx.basemap),
    ]
    if blank_areas.get("features"):
        layers.append(blank_area_layer(blank_areas, lang=ctx.lang))
    layers += facility_layers(facilities, lang=ctx.lang)
    return _finish(m, layers, pipe_legend(color_by=color_by, lang=ctx.lang))


def vector_layers(m: folium.Map) -> list[VectorLayer]:
    """The VectorLayers of a map, in drawing order (for tests and benchmarks)."""
    return [c for c in m._children.values() if isinstance(c, VectorLayer)]


# ---- clicks ---------------------------------------------------------------------------------
def clicked_outfall(value: Mapping | None, ids: Iterable[str]) -> str | None:
    """The outfall a map click (streamlit-folium's returned value) points at: the outfall tooltip
    starts with the outfall ID. None when the click was not on an outfall."""
    if not value:
        return None
    text = (value.get("last_object_clicked_tooltip") or "").strip()
    if not text:
        return None
    for oid in sorted((str(i) for i in ids), key=len, reverse=True):
        if text == oid or text.startswith(oid + " "):
            return oid
    return None
