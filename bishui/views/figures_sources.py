"""Pure builders for the outfall and pipe pages: the tables they show (and download) and their plotly
charts. Data in, DataFrame or Figure out; no Streamlit. Words come from bishui.i18n in `lang`.

The funnel and per-unit counts are computed here from the filtered inventory frame (the rows the
inventory table shows), so the counts, the table and the map can never disagree."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from bishui import config, i18n, safe_text
from bishui.rules import standards
from bishui.views.figures import FONT, LINE_COLORS, base_layout

STAGES = ("surveyed", "monitored", "traced", "rectifying", "closed")
REMEDIATIONS = ("ban", "merge", "regularise")
_FUNNEL_COLORS = ("#8c8c8c", "#1f78b4", "#ff7f00", "#e31a1c", "#33a02c")
APPROVAL_STATES = ("approved", "registered", "pending", "none")
# Properties of the GeoJSON downloads (codes as in the import format, WGS-84 coordinates).
OUTFALL_DOWNLOAD_PROPS = (
    "outfall_id",
    "name_zh",
    "category",
    "sub_type",
    "river_id",
    "town_id",
    "status",
    "remediation",
    "approval_state",
    "is_direct_sewage",
    "responsible_unit",
    "discovered_on",
    "rectification_deadline",
    "is_overdue",
    "last_inspected_on",
    "is_last_exceeded",
    "last_exceeded_parameters",
)
PIPE_DOWNLOAD_PROPS = (
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
)


def _code(kind: str, value, lang: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return i18n.code_label(kind, value, lang)


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _codes(kind: str, values: pd.Series, lang: str) -> pd.Series:
    """_code over a column, looked up once per distinct value (fast on 50,000 rows)."""
    labels = {v: _code(kind, v, lang) for v in values.dropna().unique()}
    return values.map(labels).astype(object).fillna("").astype(str)


def _dates(values: pd.Series) -> pd.Series:
    """_date over a column, vectorised."""
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").fillna("").astype(str)


def _pick(df: pd.DataFrame, base: str, lang: str) -> pd.Series:
    return df[f"{base}_{lang}"].fillna(df[f"{base}_zh"]) if f"{base}_{lang}" in df else df[f"{base}_zh"]


# ---- outfalls: tables -----------------------------------------------------------------------
def inventory_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The inventory as shown and downloaded: one row per outfall of `df` (outfall_inventory.sql's
    columns), in its order, with labels in `lang`; headers are col.* keys (localise them)."""
    yes, no = i18n.t("common.yes", lang), i18n.t("common.no", lang)
    return pd.DataFrame(
        {
            "of_id": df["outfall_id"].astype(str),
            "of_name": df["name_zh"],
            "river": _pick(df, "river", lang).fillna(""),
            "town": _pick(df, "town", lang).fillna(""),
            "of_category": _codes("of_category", df["category"], lang),
            "of_sub_type": _codes("of_sub_type", df["sub_type"], lang),
            "of_status": _codes("of_status", df["status"], lang),
            "of_remediation": _codes("of_remediation", df["remediation"], lang),
            "of_approval": _codes("of_approval", df["approval_state"], lang),
            "of_direct": df["is_direct_sewage"].map({True: yes, False: no}).fillna(no),
            "of_unit": df["responsible_unit"].fillna(""),
            "of_discovered_on": _dates(df["discovered_on"]),
            "of_deadline": _dates(df["rectification_deadline"]),
            "of_overdue_days": pd.array(df["days_overdue"], dtype="Int64"),
            "of_last_inspected": _dates(df["last_inspected_on"]),
            "of_last_exceeded": df["last_exceeded_parameters"]
            .map({v: _param_list(v, lang) for v in df["last_exceeded_parameters"].dropna().unique()})
            .fillna(""),
            "of_recent_exceeded": pd.array(df["n_exceeded_recent"], dtype="Int64"),
            "of_lon": df["lon"],
            "of_lat": df["lat"],
        }
    )


def _param_list(codes, lang: str) -> str:
    if not codes or (isinstance(codes, float) and pd.isna(codes)):
        return ""
    pars = standards.parameters()
    names = [
        (pars[c].name_zh if lang == "zh" else pars[c].name_en) if c in pars else c for c in str(codes).split(";") if c
    ]
    return ("、" if lang == "zh" else ", ").join(names)


def funnel_counts(df: pd.DataFrame) -> pd.DataFrame:
    """Life-cycle funnel from the inventory: for each stage 排查→监测→溯源→整治→销号 the number of
    outfalls that reached it or a later one (`n`), those currently at it (`n_at`), and for 整治 the
    split by remediation (n_ban, n_merge, n_regularise over outfalls at or past rectification)."""
    rank = {s: i for i, s in enumerate(STAGES)}
    ranks = df["status"].map(rank).to_numpy(dtype=float)  # NaN: not a stage
    remediation = df["remediation"].astype(object).to_numpy()
    rows = []
    for i, stage in enumerate(STAGES):
        reached = ranks >= i
        row = {"stage": stage, "n": int(reached.sum()), "n_at": int((ranks == i).sum())}
        for r in REMEDIATIONS:
            row[f"n_{r}"] = int((reached & (remediation == r)).sum()) if stage == "rectifying" else 0
        rows.append(row)
    return pd.DataFrame(rows)


def open_by_unit(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Outfalls not closed out, per responsible unit: open, overdue, and how many are at each stage.
    Headers are col.* keys / stage labels; sorted by open count, then overdue."""
    open_ = df[df["status"] != "closed"]
    unit = open_["responsible_unit"].fillna("—").replace("", "—")
    if open_.empty:
        return pd.DataFrame(columns=["of_unit", "of_open", "of_overdue"])
    table = pd.DataFrame({"of_unit": unit, "status": open_["status"], "is_overdue": open_["is_overdue"].astype(bool)})
    out = table.groupby("of_unit", sort=False).agg(of_open=("status", "size"), of_overdue=("is_overdue", "sum"))
    for stage in STAGES[:-1]:
        out[_code("of_status", stage, lang)] = table[table["status"] == stage].groupby("of_unit").size()
    out = out.fillna(0).astype(int).reset_index()
    return out.sort_values(
        ["of_open", "of_overdue", "of_unit"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def outfall_facts(row: pd.Series, lang: str) -> pd.DataFrame:
    """One outfall's attributes for its file (一口一档): a two-column frame (of_field, of_value)."""
    return pd.DataFrame(_facts(row, lang), columns=["of_field", "of_value"])


def _facts(row: pd.Series, lang: str) -> list[tuple[str, str]]:
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    return [
        (t("col.of_id"), str(row["outfall_id"])),
        (t("col.of_category"), _code("of_category", row["category"], lang)),
        (t("col.of_sub_type"), _code("of_sub_type", row["sub_type"], lang)),
        (t("col.river"), str(row.get(f"river_{lang}") or row.get("river_zh") or "")),
        (t("col.town"), str(row.get(f"town_{lang}") or row.get("town_zh") or "")),
        (t("col.of_status"), _code("of_status", row["status"], lang)),
        (t("col.of_remediation"), _code("of_remediation", row["remediation"], lang) or "—"),
        (t("col.of_approval"), _code("of_approval", row["approval_state"], lang)),
        (t("col.of_direct"), t("common.yes") if row["is_direct_sewage"] else t("common.no")),
        (t("col.of_unit"), str(row["responsible_unit"] or "")),
        (t("col.of_discovered_on"), _date(row["discovered_on"])),
        (t("col.of_traced_on"), _date(row["traced_on"]) or "—"),
        (t("col.of_rectified_on"), _date(row["rectified_on"]) or "—"),
        (t("col.of_lon") + " / " + t("col.of_lat"), f"{row['lon']:.5f}, {row['lat']:.5f}"),
        (
            t("of.tracing"),
            str(row["tracing_result"])
            if pd.notna(row["tracing_result"]) and row["tracing_result"]
            else t("of.no_tracing"),
        ),
    ]


def deadline_text(row: pd.Series, lang: str) -> tuple[str, str | None]:
    """The rectification deadline of one outfall and what to say under it: closed out on ..., overdue
    by N days, or not overdue (None when there is no deadline and it is not closed)."""
    t = lambda k, **f: i18n.t(k, lang, **f)  # noqa: E731
    value = _date(row["rectification_deadline"]) or t("of.deadline_none")
    if row["status"] == "closed":
        return value, t("of.closed_on", date=_date(row["closed_on"]) or "—")
    if row["is_overdue"]:
        return value, t("of.overdue", days=int(row["days_overdue"]))
    return value, (t("of.on_time") if _date(row["rectification_deadline"]) else None)


def history_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One outfall's inspections (outfall_history.sql) as shown and downloaded."""
    yes, no = i18n.t("common.yes", lang), i18n.t("common.no", lang)
    return pd.DataFrame(
        {
            "of_inspected_on": [_date(v) for v in df["inspected_on"]],
            "parameter": _pick(df, "parameter", lang),
            "unit": df["unit"],
            "of_has_flow": [yes if v else no for v in df["has_flow"]],
            "value": df["value"],
            "of_limit": df["limit_value"],
            "of_exceeded": [yes if v else "" for v in df["is_exceeded"]],
            "of_multiple": df["multiple"].round(2),
        }
    )


# ---- outfalls: charts -----------------------------------------------------------------------
def funnel_figure(counts: pd.DataFrame, lang: str, height: int = 300) -> go.Figure:
    """The life-cycle funnel (funnel_counts' frame): 排查 → 监测 → 溯源 → 整治 (取缔/合并/规范) → 销号."""
    labels, texts = [], []
    for r in counts.itertuples():
        label = i18n.code_label("of_status", r.stage, lang)
        if r.stage == "rectifying":
            split = " / ".join(
                f"{i18n.code_label('of_remediation', k, lang)} {getattr(r, f'n_{k}')}" for k in REMEDIATIONS
            )
            label = f"{label}（{split}）" if lang == "zh" else f"{label} ({split})"
        labels.append(label)
        texts.append(i18n.t("fig.of.funnel_total", lang, n=r.n))
    fig = go.Figure(
        go.Funnel(
            y=labels,
            x=list(counts["n"]),
            text=texts,
            textinfo="text+percent initial",
            marker=dict(color=list(_FUNNEL_COLORS[: len(counts)])),
            connector=dict(line=dict(color="#cccccc")),
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    base_layout(fig, height)
    fig.update_layout(margin=dict(l=10, r=10, t=10, b=10), showlegend=False)
    fig.update_yaxes(tickfont=dict(size=12, family=FONT))
    return fig


def history_figure(df: pd.DataFrame, lang: str, height_per_param: int = 170) -> go.Figure:
    """One outfall's concentrations against its limits (outfall_history.sql's rows): one panel per
    parameter; the limit as a dashed step line, values over the limit in red, no-flow visits as grey
    crosses on the axis."""
    params = list(dict.fromkeys(df["parameter"]))
    names = {p: safe_text.plotly(n) for p, n in zip(df["parameter"], _pick(df, "parameter", lang))}
    fig = make_subplots(
        rows=max(len(params), 1),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=[
            f"{names[p]} ({safe_text.plotly(df.loc[df['parameter'] == p, 'unit'].iloc[0])})" for p in params
        ],
    )
    for i, p in enumerate(params, start=1):
        d = df[df["parameter"] == p].sort_values("inspected_on")
        unit = safe_text.plotly(d["unit"].iloc[0])
        flow = d[d["has_flow"] & d["value"].notna()]
        color = LINE_COLORS[(i - 1) % len(LINE_COLORS)]
        hover = [
            i18n.t(
                "fig.of.hover",
                lang,
                param=names[p],
                date=_date(r.inspected_on),
                value=f"{r.value:g}",
                limit="–" if pd.isna(r.limit_value) else f"{r.limit_value:g}",
                unit=unit,
            )
            for r in flow.itertuples()
        ]
        fig.add_trace(
            go.Scatter(
                x=flow["inspected_on"],
                y=flow["value"],
                mode="lines+markers",
                name=names[p],
                line=dict(color=color),
                marker=dict(
                    size=9,
                    color=["#d7191c" if e else color for e in flow["is_exceeded"]],
                    line=dict(width=1, color="white"),
                ),
                hovertext=hover,
                hoverinfo="text",
                showlegend=False,
            ),
            row=i,
            col=1,
        )
        lim = d[d["limit_value"].notna()]
        if not lim.empty:
            fig.add_trace(
                go.Scatter(
                    x=lim["inspected_on"],
                    y=lim["limit_value"],
                    mode="lines",
                    line=dict(color="#d7191c", dash="dash", shape="hv"),
                    name=i18n.t("fig.of.limit", lang, param=names[p]),
                    hoverinfo="skip",
                    showlegend=False,
                ),
                row=i,
                col=1,
            )
        dry = d[~d["has_flow"]]
        if not dry.empty:
            fig.add_trace(
                go.Scatter(
                    x=dry["inspected_on"],
                    y=[0] * len(dry),
                    mode="markers",
                    marker=dict(symbol="x", size=9, color="#8c8c8c"),
                    name=i18n.t("fig.of.no_flow", lang),
                    hovertext=[f"{_date(v)} {i18n.t('fig.of.no_flow', lang)}" for v in dry["inspected_on"]],
                    hoverinfo="text",
                    showlegend=False,
                ),
                row=i,
                col=1,
            )
        fig.update_yaxes(rangemode="tozero", gridcolor="#eeeeee", row=i, col=1)
    base_layout(fig, max(220, height_per_param * max(len(params), 1) + 40))
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=10))
    fig.update_annotations(font=dict(size=12, family=FONT))
    fig.update_xaxes(gridcolor="#eeeeee", tickformat="%Y-%m")
    return fig


# ---- pipes ----------------------------------------------------------------------------------
def separation_figure(df: pd.DataFrame, lang: str, height: int = 340) -> go.Figure:
    """Combined pipe still to separate (pipe_separation_progress.sql's rows), one line per township and,
    with more than one township, the district total, against the target of zero."""
    fig = go.Figure()
    towns = list(dict.fromkeys(df["town_id"]))
    names = {t: safe_text.plotly(n) for t, n in zip(df["town_id"], _pick(df, "town", lang).fillna(df["town_id"]))}
    km = i18n.t("fig.pp.km", lang)
    for i, town in enumerate(towns):
        d = df[df["town_id"] == town]
        fig.add_trace(
            go.Scatter(
                x=d["month"],
                y=d["combined_km"],
                mode="lines+markers",
                name=str(names[town]),
                line=dict(color=LINE_COLORS[i % len(LINE_COLORS)], width=2),
                marker=dict(size=5),
                hovertemplate=f"{names[town]}<br>%{{x|%Y-%m}}: %{{y:.2f}} {km}<extra></extra>",
            )
        )
    if len(towns) > 1:
        total = df.groupby("month", as_index=False)["combined_km"].sum()
        fig.add_trace(
            go.Scatter(
                x=total["month"],
                y=total["combined_km"],
                mode="lines",
                name=i18n.t("fig.pp.total", lang),
                line=dict(color="#222222", width=3, dash="dot"),
                hovertemplate=f"{i18n.t('fig.pp.total', lang)}<br>%{{x|%Y-%m}}: %{{y:.2f}} {km}<extra></extra>",
            )
        )
    fig.add_hline(
        y=0,
        line=dict(color="#1a9850", width=2, dash="dash"),
        annotation_text=i18n.t("fig.pp.target", lang),
        annotation_position="top left",
    )
    base_layout(fig, height)
    fig.update_yaxes(title_text=km, rangemode="tozero", gridcolor="#eeeeee")
    fig.update_xaxes(tickformat="%Y-%m", gridcolor="#eeeeee")
    return fig


def segments_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Pipe segments (pipe_segments.sql or pipe_retrofitted.sql rows) as shown and downloaded."""
    return pd.DataFrame(
        {
            "pp_id": df["pipe_id"],
            "town": _pick(df, "town", lang).fillna(""),
            "pp_road": df["road_zh"].fillna(""),
            "pp_kind": _codes("pipe_kind", df["kind"], lang),
            "pp_diameter": pd.array(df["diameter_mm"], dtype="Int64"),
            "pp_length_m": df["length_m"].round(1),
            **({"pp_retrofit": _codes("retrofit", df["retrofit_status"], lang)} if "retrofit_status" in df else {}),
            "pp_started_on": _dates(df["retrofit_started_on"]),
            "pp_separated_on": _dates(df["separated_on"]),
        }
    )


def direct_outfalls_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Open direct sewage outfalls (outfall_direct_open.sql) as shown and downloaded."""
    return pd.DataFrame(
        {
            "of_id": df["outfall_id"],
            "of_name": df["name_zh"],
            "river": _pick(df, "river", lang).fillna(""),
            "town": _pick(df, "town", lang).fillna(""),
            "of_status": [_code("of_status", v, lang) for v in df["recorded_status"]],
            "of_unit": df["responsible_unit"].fillna(""),
            "of_deadline": [_date(v) for v in df["rectification_deadline"]],
            "of_overdue": [i18n.t("common.yes", lang) if v else "" for v in df["is_overdue"]],
        }
    )


def blank_areas_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Open network blank areas (pipe_blank_areas.sql rows with is_open) as shown and downloaded."""
    return pd.DataFrame(
        {
            "pp_area": df["name_zh"],
            "town": _pick(df, "town", lang).fillna(""),
            "pp_found_on": [_date(v) for v in df["found_on"]],
            "pp_days_open": pd.array(df["days_open"], dtype="Int64"),
        }
    )


def outfall_types() -> pd.DataFrame:
    """The HJ 1312 category / sub-type code list (data/reference/outfall_types.csv)."""
    return pd.read_csv(config.REFERENCE_DIR / "outfall_types.csv", dtype=str)


PICKER_MAX = 2000  # a selectbox with tens of thousands of options slows every rerun


def picker_ids(df: pd.DataFrame, keep: str | None = None, limit: int = PICKER_MAX) -> list[str]:
    """Outfall ids offered in the file picker: overdue and exceeded ones first, at most `limit`, and
    always `keep` (the one clicked on the map) when it is among the filtered rows."""
    order = df.assign(_p=(~df["is_overdue"]).astype(int) + (~df["is_last_exceeded"]).astype(int))
    ids = list(order.sort_values(["_p"], kind="stable")["outfall_id"].head(limit))
    if keep is not None and keep not in ids and keep in set(df["outfall_id"]):
        ids = [keep, *ids[: limit - 1]]
    return ids
