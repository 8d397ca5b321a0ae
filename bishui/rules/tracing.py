"""Source tracing (溯源), the pure core: positions along rivers, reaches, candidates and their scores.

No queries and no streamlit here: bishui.db.tracing_data reads the warehouse and calls these functions.

Positions. A river knows the river it flows into (flows_into_id), the point of the confluence as km
from the receiving river's start (confluence_km; computed from the geometry when missing: the
tributary's mouth projected onto the receiving river), and how its line is drawn ('downstream': the
first vertex is the source; 'upstream': the first vertex is the mouth). The km of an object is its
distance from the river's start (source) along the line, measured in a metric CRS (the UTM zone of
the rivers' centre; the geometries are WGS-84 lon/lat). An imported position (river_positions) wins
over the geometry; an object with no river of its own (plants, overflow points, blank areas,
black-odorous bodies) is placed on the nearest river line within SNAP_M metres.

Reach. The reach of a section is the stretch of its river from the next monitoring section upstream
(or the river's start) down to the section, plus every tributary joining in between, followed up to
its own most downstream section (or, without one, to its start, recursively through its tributaries).
An object belongs to the reach when lo < km <= hi on one of its stretches (an object exactly at the
upstream section belongs to that section's own reach).

Score (shown on the page and in the CLI's help): score = multiple x flow weight x age decay.
  multiple    measured value / limit (an outfall's latest inspection against its own limit, a plant's
              month against GB 18918 1A, an upstream section's month against the traced section's
              target limit); without a measurement, a presumption: an open overflow point, open blank
              area (untreated domestic sewage), open black-odorous body, or open direct-sewage /
              combined-overflow outfall = PRESUMED (1.0); an outfall never monitored = UNMONITORED (0.5).
  flow weight plants only: effluent flow / 1000 m3/d, kept within [0.5, 2]; 1 elsewhere.
  age decay   0.5 ** (age in days / 365) of the evidence, age counted from the month's last day;
              1 for presumptions and for the same month's values.
A miss is explained when some candidate scores >= 1; otherwise nothing known in the reach explains it
and a survey (排查) of the reach is suggested.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, Point

SNAP_M = 1000.0  # objects without a river are placed on the nearest river within this distance
PRESUMED = 1.0  # multiple presumed for an open source of untreated sewage without a measurement
UNMONITORED = 0.5  # multiple presumed for an open outfall never monitored
HALF_LIFE_DAYS = 365.0  # evidence loses half its weight per year of age
FLOW_REF_M3_D = 1000.0
FLOW_WEIGHT_RANGE = (0.5, 2.0)
EXPLAINED_AT = 1.0
KINDS = ("upstream", "outfall", "plant", "overflow", "blank_area", "black_odorous")
# Section parameters whose sources are measured as another parameter (permanganate index: COD).
SOURCE_PARAMETER = {"codmn": "cod"}
TRACED_DIRECTION = "le"  # a concentration sources add (worse when higher); not pH (a range), DO or temperature


def traceable_parameters(params: pd.DataFrame) -> pd.DataFrame:
    """The rows of parameters_list a miss can be traced for: concentrations that sources add, i.e.
    those graded as worse when higher (direction 'le')."""
    return params[params["direction"].eq(TRACED_DIRECTION)]


COLUMNS = ["rank", "kind", "id", "name", "river_id", "km", "distance_km", "parameter", "evidence", "score"]


# -- geometry ---------------------------------------------------------------------------------------


def utm_epsg(lon: float, lat: float) -> int:
    """The EPSG code of the WGS-84 UTM zone holding (lon, lat)."""
    zone = int((lon + 180.0) // 6.0) % 60 + 1
    return (32600 if lat >= 0 else 32700) + zone


Transform = Callable[..., Any]  # pyproj's transform: (x, y) arrays or scalars -> (x, y)


def metric_transformer(lon: float, lat: float, inverse: bool = False) -> Transform:
    """A function (x, y) -> (easting, northing) in metres (arrays or scalars); inverse: back to lon/lat."""
    from pyproj import Transformer

    crs = ("EPSG:4326", f"EPSG:{utm_epsg(lon, lat)}")
    t = Transformer.from_crs(*(crs[::-1] if inverse else crs), always_xy=True)
    return t.transform


@dataclass
class River:
    river_id: str
    line: LineString | None  # metric, drawn from the source (after applying line_drawn)
    flows_into_id: str | None = None
    confluence_km: float | None = None
    length_km: float | None = None


@dataclass
class Network:
    rivers: dict[str, River]
    to_metric: Transform | None = field(repr=False, default=None)
    to_lonlat: Transform | None = field(repr=False, default=None)

    def tributaries(self, river_id: str) -> list[River]:
        return sorted(
            (r for r in self.rivers.values() if r.flows_into_id == river_id),
            key=lambda r: (r.confluence_km if r.confluence_km is not None else math.inf, r.river_id),
        )


def build_network(rivers: pd.DataFrame) -> Network:
    """rivers: river_id, geom (shapely line in lon/lat, or None), flows_into_id, confluence_km,
    line_drawn ('downstream' | 'upstream' | None). Lines are projected to metres and turned so that
    they run from the source; a missing confluence_km is computed from the geometry."""
    lines = [g for g in rivers["geom"] if g is not None and not g.is_empty]
    to_metric: Transform | None = None
    to_lonlat: Transform | None = None
    if lines:
        c = lines[0].centroid
        if len(lines) > 1:
            xs = [g.centroid.x for g in lines]
            ys = [g.centroid.y for g in lines]
            c = Point(sum(xs) / len(xs), sum(ys) / len(ys))
        to_metric = metric_transformer(c.x, c.y)
        to_lonlat = metric_transformer(c.x, c.y, inverse=True)
    out: dict[str, River] = {}
    for row in rivers.itertuples(index=False):
        line = None
        geom = row.geom
        if geom is not None and not geom.is_empty and to_metric is not None:  # a line: transformers made
            if geom.geom_type == "MultiLineString":
                geom = LineString([pt for part in geom.geoms for pt in part.coords])
            line = shapely.transform(geom, to_metric, interleaved=False)
            if (getattr(row, "line_drawn", None) or "downstream") == "upstream":
                line = LineString(list(line.coords)[::-1])
        flows = getattr(row, "flows_into_id", None)
        ckm = getattr(row, "confluence_km", None)
        out[row.river_id] = River(
            river_id=row.river_id,
            line=line,
            flows_into_id=flows if isinstance(flows, str) and flows else None,
            confluence_km=None if ckm is None or pd.isna(ckm) else float(ckm),
            length_km=line.length / 1000.0 if line is not None else None,
        )
    for r in out.values():
        recv = out.get(r.flows_into_id) if r.flows_into_id else None
        if r.confluence_km is None and recv is not None and recv.line is not None and r.line is not None:
            mouth = Point(r.line.coords[-1])
            r.confluence_km = recv.line.project(mouth) / 1000.0
    return Network(out, to_metric, to_lonlat)


def locate(net: Network, places: pd.DataFrame) -> pd.DataFrame:
    """places: kind, object_id, river_id (may be empty), lon, lat, km_imported, river_imported.
    Returns places with river_id (resolved), km (from the river's start) and km_source
    ('imported' | 'geometry' | 'snapped' | None when the object could not be placed).
    Vectorised (one projection of all points, one line_locate_point per river): 50,000 outfalls in
    tens of milliseconds."""
    n = len(places)
    own = places["river_id"].astype(object).to_numpy() if n else np.array([], dtype=object)
    own = np.array([r if isinstance(r, str) and r else None for r in own], dtype=object)
    rid = own.copy()
    km = np.full(n, np.nan)
    how = np.full(n, None, dtype=object)
    imp_km = pd.to_numeric(places["km_imported"], errors="coerce").to_numpy(dtype=float) if n else km
    imported = ~np.isnan(imp_km)
    if imported.any():
        rid[imported] = places["river_imported"].astype(object).to_numpy()[imported]
        km[imported] = imp_km[imported]
        how[imported] = "imported"
    metric_lines = {r: v.line for r, v in sorted(net.rivers.items()) if v.line is not None}
    lon = pd.to_numeric(places["lon"], errors="coerce").to_numpy(dtype=float) if n else km
    lat = pd.to_numeric(places["lat"], errors="coerce").to_numpy(dtype=float) if n else km
    todo = ~imported & ~np.isnan(lon) & ~np.isnan(lat)
    if net.to_metric is not None and metric_lines and todo.any():
        x, y = net.to_metric(lon[todo], lat[todo])
        pts = np.asarray(shapely.points(np.asarray(x, dtype=float), np.asarray(y, dtype=float)))
        idx = np.flatnonzero(todo)
        own_t = own[todo]
        for r, line in metric_lines.items():  # objects on a river of their own
            on = own_t == r
            if on.any():
                km[idx[on]] = shapely.line_locate_point(line, pts[on]) / 1000.0
                how[idx[on]] = "geometry"
        free = np.array([o is None for o in own_t], dtype=bool)
        if free.any():  # no river of their own: the nearest line
            names = list(metric_lines)
            dist = np.vstack([shapely.distance(metric_lines[r], pts[free]) for r in names])
            best = dist.argmin(axis=0)  # ties: the first river id
            near = dist[best, np.arange(dist.shape[1])] <= SNAP_M
            fidx = idx[free]
            for j, r in enumerate(names):
                sel = near & (best == j)
                if sel.any():
                    rid[fidx[sel]] = r
                    km[fidx[sel]] = shapely.line_locate_point(metric_lines[r], pts[free][sel]) / 1000.0
                    how[fidx[sel]] = "snapped"
    out = places.copy()
    out["river_id"] = rid
    out["km"] = [None if math.isnan(v) else float(v) for v in km]
    out["km_source"] = how
    return out


# -- reaches ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stretch:
    river_id: str
    lo_km: float  # exclusive (an upstream section or the river's start, -inf)
    hi_km: float  # inclusive (the traced section or the confluence)
    to_section_km: float  # distance along the water from hi_km down to the traced section


@dataclass
class Reach:
    section_id: str
    stretches: list[Stretch]
    upstream_sections: list[str]

    def stretch_of(self, river_id: str | None, km: float | None) -> Stretch | None:
        if river_id is None or km is None or pd.isna(km):
            return None
        for s in self.stretches:
            if s.river_id == river_id and s.lo_km < km <= s.hi_km:
                return s
        return None

    def contains(self, river_ids, kms) -> np.ndarray:
        """Vectorised stretch_of(...) is not None: a boolean array over the objects."""
        rivers = river_ids if isinstance(river_ids, np.ndarray) else np.array(list(river_ids), dtype=object)
        km = (
            kms
            if isinstance(kms, np.ndarray) and kms.dtype == float
            else pd.to_numeric(pd.Series(list(kms), dtype=object), errors="coerce").to_numpy(dtype=float)
        )
        inside = np.zeros(len(rivers), dtype=bool)
        for s in self.stretches:
            with np.errstate(invalid="ignore"):
                inside |= (rivers == s.river_id) & (km > s.lo_km) & (km <= s.hi_km)
        return inside

    def distances_km(self, river_ids, kms) -> np.ndarray:
        """Vectorised distance_km (unrounded; NaN outside the reach)."""
        rivers = river_ids if isinstance(river_ids, np.ndarray) else np.array(list(river_ids), dtype=object)
        km = (
            kms
            if isinstance(kms, np.ndarray) and kms.dtype == float
            else pd.to_numeric(pd.Series(list(kms), dtype=object), errors="coerce").to_numpy(dtype=float)
        )
        out = np.full(len(rivers), np.nan)
        for s in reversed(self.stretches):  # the first matching stretch wins, as in stretch_of
            with np.errstate(invalid="ignore"):
                on = (rivers == s.river_id) & (km > s.lo_km) & (km <= s.hi_km)
            out[on] = s.hi_km - km[on] + s.to_section_km
        return out

    def distance_km(self, river_id: str | None, km: float | None) -> float | None:
        s = self.stretch_of(river_id, km)
        return None if s is None or km is None else round(s.hi_km - km + s.to_section_km, 3)


def reach(net: Network, sections: pd.DataFrame, section_id: str) -> Reach:
    """sections: the located sections (object_id, river_id, km). The reach of section_id."""
    # plain lists: the walk filters them once per river (pandas per step cost tens of ms)
    kms = pd.to_numeric(sections["km"], errors="coerce").tolist()
    located = [
        (str(o), r, float(k))
        for o, r, k in zip(sections["object_id"], sections["river_id"], kms)
        if isinstance(r, str) and r and k == k
    ]
    me = [x for x in located if x[0] == section_id]
    if not me:
        return Reach(section_id, [], [])
    _, river_id, km = me[0]
    stretches: list[Stretch] = []
    upstream: list[str] = []

    def walk(rid: str, hi: float, to_section: float, depth: int = 0) -> None:
        if depth > 50:  # a cycle in the network data: stop rather than loop
            return
        above = [(o, k) for o, r, k in located if r == rid and o != section_id and k < hi]
        if above:
            lo = max(k for _, k in above)
            upstream.extend(sorted(o for o, k in above if k == lo))
        else:
            lo = -math.inf
        stretches.append(Stretch(rid, lo, hi, to_section))
        for trib in net.tributaries(rid):
            c = trib.confluence_km
            if c is not None and lo < c <= hi:
                t_hi = trib.length_km if trib.length_km is not None else math.inf
                walk(trib.river_id, t_hi, to_section + (hi - c), depth + 1)

    walk(river_id, km, 0.0)
    return Reach(section_id, stretches, upstream)


# -- scores -----------------------------------------------------------------------------------------


def age_decay(evidence_on: dt.date | None, as_of: dt.date) -> float:
    """0.5 ** (age in days / HALF_LIFE_DAYS); 1 without a date."""
    if evidence_on is None or pd.isna(evidence_on):
        return 1.0
    days = max(0, (as_of - pd.Timestamp(evidence_on).date()).days)
    return 0.5 ** (days / HALF_LIFE_DAYS)


def flow_weight(flow_m3_d: float | None) -> float:
    if flow_m3_d is None or pd.isna(flow_m3_d):
        return 1.0
    lo, hi = FLOW_WEIGHT_RANGE
    return min(hi, max(lo, float(flow_m3_d) / FLOW_REF_M3_D))


def multiple(value: float | None, limit: float | None, direction: str = "le") -> float | None:
    """value / limit for an upper limit, limit / value for a lower one (DO); None when unknown."""
    if value is None or limit is None or pd.isna(value) or pd.isna(limit):
        return None
    if direction == "ge":
        return float(limit) / float(value) if value > 0 else None
    if direction != "le" or limit == 0:
        return None
    return float(value) / float(limit)


def rank(candidates: pd.DataFrame) -> pd.DataFrame:
    """Sort by score (high first), then kind in KINDS order, then id; number the rows from 1."""
    if candidates.empty:
        return pd.DataFrame(columns=COLUMNS)
    order = {k: i for i, k in enumerate(KINDS)}
    out = candidates.assign(_k=candidates["kind"].map(order), _s=-candidates["score"].round(6))
    out = out.sort_values(["_s", "_k", "id"], kind="stable").drop(columns=["_k", "_s"]).reset_index(drop=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out[COLUMNS]


def is_explained(candidates: pd.DataFrame) -> bool:
    return bool(len(candidates)) and float(candidates["score"].max()) >= EXPLAINED_AT


def stretch_lines(net: Network, reach: Reach) -> list[tuple[str, list[tuple[float, float]]]]:
    """The reach's stretches as (river_id, [(lon, lat), ...]) from upstream to downstream, for maps."""
    from shapely.ops import substring

    out = []
    for s in reach.stretches:
        river = net.rivers.get(s.river_id)
        if river is None or river.line is None or net.to_lonlat is None:
            continue
        lo = 0.0 if s.lo_km == -math.inf else s.lo_km * 1000.0
        hi = river.line.length if s.hi_km == math.inf else s.hi_km * 1000.0
        part = substring(river.line, lo, hi)
        if part.is_empty or part.geom_type != "LineString":
            continue
        back = shapely.transform(part, net.to_lonlat, interleaved=False)
        out.append((s.river_id, [(round(x, 6), round(y, 6)) for x, y in back.coords]))
    return out
