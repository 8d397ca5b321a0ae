"""A test oracle for the map layers the pages build vectorised from query frames (bishui.views.maps
outfall_layer, pipe_layer): the same layers built the plain way, one GeoJSON feature at a time
(properties read with dict.get, a tooltip formatted per feature), through maps.compact. The
production code had this as a second input path; it now lives only here, to check the fast one."""

from __future__ import annotations

from typing import Any

from bishui import i18n
from bishui.views import maps
from bishui.rules import standards


def _param_name(code: str, lang: str) -> str:
    par = standards.parameters().get(code)
    return code if par is None else (par.name_zh if lang == "zh" else par.name_en)


def _pick(p: dict, base: str, lang: str) -> Any:
    return p.get(f"{base}_{lang}") or p.get(f"{base}_zh") or ""


def outfall_layer(
    fc: dict, *, color_by: str = "category", lang: str = "zh", cluster: bool | None = None
) -> maps.VectorLayer:
    """maps.outfall_layer from a FeatureCollection (bishui.views.geo.point_features of the inventory)."""
    colors = maps.OUTFALL_CATEGORY_COLORS if color_by == "category" else maps.OUTFALL_STATUS_COLORS
    codes = list(colors)
    key = "category" if color_by == "category" else "status"
    esc = maps.esc

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
            category=esc(i18n.code_label("of_category", p.get("category"), lang)),
            sub_type=esc(i18n.code_label("of_sub_type", p.get("sub_type"), lang)),
            river=esc(_pick(p, "river", lang)),
            town=esc(_pick(p, "town", lang)),
            status=esc(i18n.code_label("of_status", p.get("status"), lang)),
            overdue=i18n.t("map.tip.overdue", lang) if p.get("is_overdue") else "",
            exceeded=exceeded,
        )

    data = maps.compact(
        fc,
        lambda p: codes.index(p.get(key)) if p.get(key) in codes else -1,
        tip,
        lambda p: bool(p.get("is_last_exceeded")),
    )
    n = len(data["g"])
    cluster = n > maps.CLUSTER_MIN if cluster is None else cluster
    return maps.VectorLayer(
        data,
        name=i18n.t("map.layer.outfalls", lang),
        kind="point",
        palette=[colors[c] for c in codes],
        options={"radius": 5.5, "ringRadius": 7.5, "cluster": cluster},
    )


def pipe_layer(fc: dict, *, color_by: str = "kind", lang: str = "zh") -> maps.VectorLayer:
    """maps.pipe_layer from a FeatureCollection (bishui.views.geo.wkb_features of pipe_segments)."""
    colors = maps.PIPE_KIND_COLORS if color_by == "kind" else maps.RETROFIT_COLORS
    codes = list(colors)
    key = "kind" if color_by == "kind" else "retrofit_status"
    focus = {"combined"} if color_by == "kind" else {"planned", "in_progress"}
    esc = maps.esc

    def tip(p: dict) -> str:
        length = p.get("length_m")
        return i18n.t(
            "map.tip.pipe",
            lang,
            id=esc(p.get("pipe_id")),
            kind=esc(i18n.code_label("pipe_kind", p.get("kind"), lang)),
            retrofit=esc(i18n.code_label("retrofit", p.get("retrofit_status"), lang)),
            road=esc(p.get("road_zh")),
            dn=esc(p.get("diameter_mm")),
            length=esc(f"{length:.0f}" if length is not None else ""),
        )

    def width(p: dict) -> float:
        dn = p.get("diameter_mm") or 0
        w = 0 if dn < 500 else (2.5 if dn < 1000 else 3.5)  # 0: the layer's 1.5 px
        return max(w, 3) if p.get(key) in focus else w

    ordered = sorted(fc.get("features", []), key=lambda f: (f.get("properties") or {}).get(key) in focus)
    feats = maps.compact(
        {"features": ordered}, lambda p: codes.index(p.get(key)) if p.get(key) in codes else -1, tip, width=width
    )
    return maps.VectorLayer(
        feats,
        name=i18n.t("map.layer.pipes", lang),
        kind="line",
        palette=[colors[c] for c in codes],
        options={"weight": 1.5, "opacity": 0.9},
    )
