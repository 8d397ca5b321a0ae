"""Drinking-water sources (饮用水源, plan task 15): the risk sources inside the protection zones (found by
geometry in geopandas: the warehouse has no spatial extension), the tables the page shows and its map.

The compliance rules themselves are SQL (queries/schema/065_drinking_water.sql); this module only
lays their results out. Pure functions: no st.*, no queries."""

from __future__ import annotations

from typing import Sequence

import folium
import pandas as pd

from bishui.views import geo, maps
from bishui import i18n
from bishui.rules import standards

RISK_COLUMNS = [
    "object_kind",
    "object_id",
    "name_zh",
    "name_en",
    "sub_kind",
    "status",
    "lon",
    "lat",
    "source_id",
    "source_zh",
    "source_en",
    "zone_id",
    "zone_level",
]
STATUS_COLORS = {"met": "#1a9850", "not_met": "#d73027", "partial": "#fdae61", "no_data": "#9e9e9e", "open": "#74add1"}
ZONE_COLORS = {"first": "#08519c", "second": "#6baed6"}
STATUSES = tuple(STATUS_COLORS)


def risk_sources(zones: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """The points (queries/drinking_risk_points.sql: object_kind, object_id, name_zh, name_en, sub_kind,
    status, lon, lat) that lie inside a protection zone (queries/drinking_source_zones.sql: zone_id,
    source_id, zone_level, name_zh, name_en, geom_wkb), one row per point and source, in the strictest
    zone of that source that holds it (first before second). A point on a zone's boundary is inside."""
    import geopandas as gpd

    if zones.empty or points.empty:
        return pd.DataFrame(columns=RISK_COLUMNS)
    zones = zones[zones["geom_wkb"].notna()]
    if zones.empty:
        return pd.DataFrame(columns=RISK_COLUMNS)
    zg = gpd.GeoDataFrame(
        zones[["zone_id", "source_id", "zone_level"]]
        .assign(source_zh=zones["name_zh"].to_numpy(), source_en=zones["name_en"].to_numpy())
        .reset_index(drop=True),
        geometry=gpd.GeoSeries.from_wkb(zones["geom_wkb"].map(bytes).reset_index(drop=True)),
        crs="EPSG:4326",
    )
    pg = gpd.GeoDataFrame(
        points.reset_index(drop=True), geometry=gpd.points_from_xy(points["lon"], points["lat"]), crs="EPSG:4326"
    )
    hits = gpd.sjoin(pg, zg, how="inner", predicate="intersects")
    if hits.empty:
        return pd.DataFrame(columns=RISK_COLUMNS)
    hits = pd.DataFrame(hits.drop(columns="geometry"))
    hits["_rank"] = hits["zone_level"].map({"first": 1, "second": 2})
    hits = hits.sort_values(["source_id", "object_kind", "object_id", "_rank"]).drop_duplicates(
        ["source_id", "object_kind", "object_id"]
    )
    hits = hits.sort_values(["source_id", "_rank", "object_id"])
    return hits[RISK_COLUMNS].reset_index(drop=True)


def param_label(code: str, lang: str) -> str:
    p = standards.parameters().get(code)
    if p is None:
        return code
    return p.name_zh if lang == "zh" else p.name_en


def failing_text(failing: Sequence[dict] | None, lang: str) -> str:
    """'锰 0.15（限值 0.1，超标 0.5 倍）; ...' from a month's failing items (struct list)."""
    if failing is None or len(failing) == 0:
        return ""
    parts = []
    for f in failing:
        label = param_label(f["parameter"], lang)
        value, limit, mult = f.get("value"), f.get("limit_value"), f.get("multiple")
        table = i18n.t(f"dw.table{int(f['table_no'])}", lang)
        if mult is not None and not pd.isna(mult):
            parts.append(
                i18n.t(
                    "dw.fail_mult",
                    lang,
                    item=label,
                    value=f"{value:g}",
                    limit=f"{limit:g}",
                    mult=f"{mult:.2f}",
                    table=table,
                )
            )
        else:
            parts.append(
                i18n.t(
                    "dw.fail",
                    lang,
                    item=label,
                    value=f"{value:g}",
                    limit="–" if limit is None or pd.isna(limit) else f"{limit:g}",
                    table=table,
                )
            )
    return "; ".join(parts)


def months_table(months: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The monthly compliance table from queries/drinking_source_months.sql (columns as its header)."""
    sep = "、" if lang == "zh" else ", "
    return pd.DataFrame(
        {
            "dw_source": months[f"name_{'zh' if lang == 'zh' else 'en'}"].to_numpy(),
            "dw_type": [i18n.t(f"dw.type.{t}", lang) for t in months["source_type"]],
            "dw_month": pd.to_datetime(months["month"]).dt.strftime("%Y-%m").to_numpy(),
            "dw_status": [i18n.t(f"dw.status.{s}", lang) for s in months["status"]],
            "dw_samples": months["n_samples"].astype(int).to_numpy(),
            "dw_failing": [failing_text(f, lang) for f in months["failing"]],
            "dw_missing": [
                sep.join(param_label(c, lang) for c in (m if m is not None else [])) for m in months["missing_required"]
            ],
        }
    )


def years_table(years: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The annual compliance table from queries/drinking_source_years.sql."""
    return pd.DataFrame(
        {
            "dw_source": years[f"name_{'zh' if lang == 'zh' else 'en'}"].to_numpy(),
            "dw_year": years["year"].astype(int).to_numpy(),
            "dw_status": [i18n.t(f"dw.ystatus.{s}", lang) for s in years["status"]],
            "dw_months_met": years["months_met"].astype(int).to_numpy(),
            "dw_months_not_met": years["months_not_met"].astype(int).to_numpy(),
            "dw_months_without": years["months_without_result"].astype(int).to_numpy(),
            "dw_months_open": years["months_open"].astype(int).to_numpy(),
        }
    )


def risks_table(risks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The risk sources inside the zones (risk_sources()) as shown and downloaded."""
    z = "zh" if lang == "zh" else "en"
    return pd.DataFrame(
        {
            "dw_source": risks[f"source_{z}"].to_numpy(),
            "dw_zone": [i18n.t(f"dw.zone.{v}", lang) for v in risks["zone_level"]],
            "dw_kind": [i18n.t(f"dw.object.{v}", lang) for v in risks["object_kind"]],
            "dw_id": risks["object_id"].to_numpy(),
            "dw_name": risks[f"name_{z}"].to_numpy(),
            "dw_sub_kind": [
                i18n.code_label("of_sub_type" if k == "outfall" else "map_facility", s, lang)
                for k, s in zip(risks["object_kind"], risks["sub_kind"])
            ],
            "lon": risks["lon"].to_numpy(),
            "lat": risks["lat"].to_numpy(),
        }
    )


def district_table(district: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Compliance rate per month and year from queries/drinking_district_months.sql."""
    kind = district["period_kind"]
    period = pd.to_datetime(district["period"])
    return pd.DataFrame(
        {
            "dw_period": [p.strftime("%Y") if k == "year" else p.strftime("%Y-%m") for k, p in zip(kind, period)],
            "dw_assessed": district["n_assessed"].astype(int).to_numpy(),
            "dw_met": district["n_met"].astype(int).to_numpy(),
            "dw_rate": district["rate_pct"].round(1).to_numpy(),
        }
    )


def drinking_map(
    sources: pd.DataFrame,
    zones: pd.DataFrame,
    risks: pd.DataFrame,
    *,
    rivers: dict,
    towns: dict,
    town_labels: dict | None,
    month_label: str,
    ctx,
):
    """The map: townships, rivers, protection zones (first-level dark, second-level light), the intake
    points coloured by the month's compliance, and the risk sources inside the zones (red rings).
    Inputs: queries/drinking_sources_map.sql, drinking_source_zones.sql, risk_sources(); GeoJSON for
    rivers/towns as from bishui.views.geo; ctx a bishui.views.maps.MapContext."""
    lang = ctx.lang
    m = maps.base_map(ctx.bounds, basemap=ctx.basemap, tianditu_key=ctx.tianditu_key, assets=ctx.assets, lang=lang)
    layers = [*maps.town_layer(towns, town_labels, lang=lang), maps.river_layer(rivers, lang=lang)]
    z = "zh" if lang == "zh" else "en"
    zone_fc = geo.wkb_features(
        zones.assign(level=zones["zone_level"], name=zones[f"name_{z}"]), ("level", "name"), basemap=ctx.basemap
    )
    feats = list(zone_fc["features"])
    levels = ["first", "second"]
    # second-level zones first, so the first-level zones are drawn on top
    feats.sort(key=lambda f: 0 if f["properties"]["level"] == "second" else 1)
    zone_data = maps.compact(
        {"type": "FeatureCollection", "features": feats},
        lambda p: levels.index(p["level"]),
        lambda p: maps.esc(p["name"] + " · " + i18n.t(f"dw.zone.{p['level']}", lang)),
    )
    layers.append(
        maps.VectorLayer(
            zone_data,
            name=i18n.t("dw.map.zones", lang),
            kind="polygon",
            palette=[ZONE_COLORS[v] for v in levels],
            options={"weight": 2, "fillOpacity": 0.18, "opacity": 0.9},
        )
    )
    src_fc = geo.point_features(
        sources.assign(name=sources[f"name_{z}"]), ("name", "status", "source_type"), basemap=ctx.basemap
    )
    codes = list(STATUS_COLORS)
    src_data = maps.compact(
        src_fc,
        lambda p: codes.index(p["status"]),
        lambda p: maps.esc(
            i18n.t(
                "dw.map.tip_source",
                lang,
                name=p["name"],
                month=month_label,
                status=i18n.t(f"dw.status.{p['status']}", lang),
            )
        ),
    )
    layers.append(
        maps.VectorLayer(
            src_data,
            name=i18n.t("dw.map.intakes", lang),
            kind="point",
            palette=[STATUS_COLORS[c] for c in codes],
            options={"shape": "triangle", "size": 18, "stroke": "#222222"},
        )
    )
    if not risks.empty:
        risk_fc = geo.point_features(
            risks.assign(name=risks[f"name_{z}"], zone=risks["zone_level"]),
            ("name", "object_kind", "zone"),
            basemap=ctx.basemap,
        )
        risk_data = maps.compact(
            risk_fc,
            lambda p: 0,
            lambda p: maps.esc(
                i18n.t(
                    "dw.map.tip_risk",
                    lang,
                    name=p["name"],
                    kind=i18n.t(f"dw.object.{p['object_kind']}", lang),
                    zone=i18n.t(f"dw.zone.{p['zone']}", lang),
                )
            ),
        )
        layers.append(
            maps.VectorLayer(
                risk_data,
                name=i18n.t("dw.map.risks", lang),
                kind="point",
                palette=["#d7191c"],
                options={"radius": 6, "ringRadius": 8},
            )
        )
    legend = maps.Legend(
        [
            (
                i18n.t("dw.map.intakes", lang) + f" · {month_label}",
                [("triangle", STATUS_COLORS[c], i18n.t(f"dw.status.{c}", lang)) for c in codes],
                True,
            ),
            (
                i18n.t("dw.map.zones", lang),
                [("square", ZONE_COLORS[v], i18n.t(f"dw.zone.{v}", lang)) for v in levels]
                + [("circle", "#d7191c", i18n.t("dw.map.risks", lang))],
                True,
            ),
        ]
    )
    for layer in layers:
        layer.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    legend.add_to(m)
    return m
