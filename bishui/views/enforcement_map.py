"""The enforcement page's map (plan task 6): the pollution sources along the rivers coloured by the state
of their cases at the date (overdue / open / closed / none), with the responsible unit and the case facts
in the tooltip. Pure builders over the frames of queries/enforcement_sources_list.sql and
enforcement_cases_list.sql (no Streamlit, no queries); the layers and the legend are bishui.views.maps'."""

from __future__ import annotations

import folium
import pandas as pd

from bishui import i18n
from bishui.views import maps
from bishui.views.enforcement import case_state

# Worst first: a source takes the first state any of its cases (filed by the date) is in.
STATES = ("overdue", "open", "closed", "none")
STATE_COLORS = {"overdue": "#d7191c", "open": "#f2a600", "closed": "#1a9850", "none": "#9e9e9e"}
PROPS = ("source_id", "state", "tip")
TIP_STYLE = "white-space:normal;width:max-content;max-width:340px"


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _text(row, zh: str, en: str, lang: str) -> str:
    """The English value where given, else the Chinese one ('' for none)."""
    value = row.get(zh) if lang == "zh" else (row.get(en) if pd.notna(row.get(en)) and row.get(en) else row.get(zh))
    return "" if value is None or pd.isna(value) else str(value)


def source_states(sources: pd.DataFrame, cases: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per source with coordinates, the worst state last: source_id, lon, lat, state (STATES)
    and tip (the tooltip's HTML, every value escaped). Sources without lon/lat are left out (the page says how many).
    Columns read: sources: source_id, name_zh/en, source_kind, river_zh/en, town_zh/en,
    responsible_unit(_en), lon, lat; cases: source_id, found_on, problem_zh/en, rectify_by, closed_on,
    unit_zh/en, is_open, is_overdue, is_due_soon, days_overdue, closed_late."""
    located = sources[sources["lon"].notna() & sources["lat"].notna()]
    by_source = {sid: part for sid, part in cases.groupby("source_id", sort=False)} if len(cases) else {}
    rows = []
    for _, s in located.iterrows():
        part = by_source.get(s["source_id"])
        if part is None or part.empty:
            state = "none"
        elif part["is_overdue"].any():
            state = "overdue"
        elif part["is_open"].any():
            state = "open"
        else:
            state = "closed"
        place = " · ".join(
            x
            for x in (
                i18n.code_label("en.kind", s["source_kind"], lang),
                _text(s, "river_zh", "river_en", lang),
                _text(s, "town_zh", "town_en", lang),
            )
            if x
        )
        lines = [
            f"<b>{maps.esc(_text(s, 'name_zh', 'name_en', lang))}</b>",
            maps.esc(place),
            maps.esc(i18n.t("en.map.tip_unit", lang, unit=_text(s, "responsible_unit", "responsible_unit_en", lang))),
        ]
        if part is None or part.empty:
            lines.append(maps.esc(i18n.t("en.map.tip_no_case", lang)))
        else:
            lines.append(
                maps.esc(
                    i18n.t(
                        "en.map.tip_cases",
                        lang,
                        n=len(part),
                        open=int(part["is_open"].sum()),
                        overdue=int(part["is_overdue"].sum()),
                    )
                )
            )
            # the cases still open first (overdue first), then the latest closed one
            shown = part.sort_values(["is_overdue", "is_open", "found_on"], ascending=False)
            shown = shown[shown["is_open"]] if shown["is_open"].any() else shown.head(1)
            for _, c in shown.head(3).iterrows():
                lines.append(
                    maps.esc(
                        i18n.t(
                            "en.map.tip_case",
                            lang,
                            found=_date(c["found_on"]),
                            problem=_text(c, "problem_zh", "problem_en", lang),
                            deadline=_date(c["rectify_by"]),
                            state=case_state(c, lang),
                            unit=_text(c, "unit_zh", "unit_en", lang),
                        )
                    )
                )
        # Leaflet tooltips do not wrap: the case lines are long, so the tooltip gets a width that wraps
        tip = f'<div style="{TIP_STYLE}">' + "<br>".join(lines) + "</div>"
        rows.append({"source_id": s["source_id"], "lon": s["lon"], "lat": s["lat"], "state": state, "tip": tip})
    out = pd.DataFrame(rows, columns=["source_id", "lon", "lat", "state", "tip"])
    # the worst last, so that it is drawn on top where sources lie close together
    order = out["state"].map({s: -i for i, s in enumerate(STATES)})
    return out.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def source_layer(fc: dict, *, lang: str) -> maps.VectorLayer:
    """The sources as circles coloured by their case state. Properties read: PROPS (tip is already
    escaped HTML, from source_states)."""
    return maps.VectorLayer(
        maps.compact(fc, lambda p: STATES.index(p["state"]), lambda p: p["tip"]),
        name=i18n.t("en.map.layer", lang),
        kind="point",
        palette=[STATE_COLORS[s] for s in STATES],
        options={"radius": 7, "weight": 1.5, "stroke": "#333333"},
    )


def sources_map(
    sources: dict, *, rivers: dict, towns: dict, town_labels: dict | None, date_label: str, ctx: maps.MapContext
) -> folium.Map:
    """Township boundaries, rivers and the pollution sources (source_layer), with a legend. `sources`:
    geo.point_features of source_states() with PROPS; the other layers as GeoJSON from bishui.db.map_data."""
    lang = ctx.lang
    m = maps.base_map(ctx.bounds, basemap=ctx.basemap, tianditu_key=ctx.tianditu_key, assets=ctx.assets, lang=lang)
    layers = [
        *maps.town_layer(towns, town_labels, lang=lang),
        maps.river_layer(rivers, lang=lang),
        source_layer(sources, lang=lang),
    ]
    for layer in layers:
        layer.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    maps.Legend(
        [
            (
                i18n.t("en.map.legend", lang, date=date_label),
                [("circle", STATE_COLORS[s], i18n.code_label("en.map.state", s, lang)) for s in STATES],
            ),
            (
                i18n.t("map.legend.other", lang),
                [
                    ("line", maps.RIVER_COLOR, i18n.t("map.legend.river", lang)),
                    ("dash", maps.TOWN_COLOR, i18n.t("map.legend.town", lang)),
                ],
            ),
        ],
        summary=i18n.t("map.legend", lang),
    ).add_to(m)
    return m
