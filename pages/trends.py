"""趋势分析 Trends: status and change the way bulletins word them, Spearman and Seasonal Kendall,
CWQI rankings, the worst sections of a year (shared/reference/water-standards.md §2.4–§2.10)."""

import pandas as pd
import streamlit as st

from bishui.views import figures_trends as ft, trends_tables as tt
from bishui import safe_text
from bishui.db import store
from bishui.app import tn_action_panel, ui
from bishui.rules import trends

lang = ui.lang()
# widgets whose options are labelled in the UI language: re-sent in the new language on a switch
ui.track(
    "trd_kind",
    "trd_against",
    "trd_area",
    "trd_table",
    "trd_secs",
    "trd_params",
    "trd_ckind",
    "trd_level",
    "trd_tli_kind",
)
st.title(ui.tr("trd.title"))
sections = store.query("sections_list", town_id=None)
month = ui.month()
if sections.empty or month is None:
    st.info(ui.tr("empty.no_rows"))
    st.stop()
if ui.month_status(month) in ("provisional", "incomplete"):  # its figures are not final
    st.warning(ui.tr("trd.not_complete", month=ui.month_label(month)), icon=":material/hourglass_top:")
names = tt.area_names(sections, store.query("towns"), lang)
snames = dict(zip(sections["section_id"], sections[ui.name_col()]))
town = ui.town_id()
local = sections if town is None else sections[sections["town_id"] == town]
params = store.query("parameters_list")
pnames, units = dict(zip(params["code"], params[ui.name_col()])), dict(zip(params["code"], params["unit"]))
cfg = trends.Settings.load()


def label(period, kind: str) -> str:
    p = pd.Timestamp(period)
    if kind == "year":
        return f"{p.year}年" if lang == "zh" else str(p.year)
    if kind == "quarter":
        return f"{p.year}年第{p.quarter}季度" if lang == "zh" else f"{p.year} Q{p.quarter}"
    return f"{p.year}年{p.month}月" if lang == "zh" else p.strftime("%Y-%m")


def _bound(prefix: str, codes: list[str]):
    """A format function with its labels bound now (widgets may format outside this script run)."""
    return {c: ui.tr(f"{prefix}.{c}") for c in codes}.get


def table(df: pd.DataFrame, *name_parts, key: str) -> None:
    shown = ui.localise_columns(df)
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.download_buttons(shown, "trends", *name_parts, key=key)


yclasses = store.query("trend_section_classes", period_kind="year")
shown_areas = tt.areas_of_town(sections, town)  # one township chosen: the district, it and its rivers
ystatus = tt.only_areas(tt.area_status(yclasses, store.query("trend_area_means", period_kind="year"), cfg), shown_areas)
tab_status, tab_tests, tab_cwqi, tab_worst, tab_tli, tab_tn = st.tabs(
    [
        ui.tr("trd.tab.status"),
        ui.tr("trd.tab.tests"),
        ui.tr("trd.tab.cwqi"),
        ui.tr("trd.tab.worst"),
        ui.tr("trd.tab.tli"),
        ui.tr("trd.tab.tn"),
    ]
)

with tab_status:
    c1, c2 = st.columns(2)
    kind = c1.radio(
        ui.tr("trd.period_kind"),
        ["month", "quarter", "year"],
        horizontal=True,
        key="trd_kind",
        format_func=_bound("trd.pk", ["month", "quarter", "year"]),
    )
    against = c2.radio(
        ui.tr("trd.compare_with"),
        ["same_last", "previous"],
        horizontal=True,
        key="trd_against",
        format_func=_bound("trd.against", ["same_last", "previous"]),
    )
    pr = trends.periods_of(kind, month)
    now, base = pr["now"], pr[against]
    classes = yclasses if kind == "year" else store.query("trend_section_classes", period_kind=kind)
    status = (
        ystatus
        if kind == "year"
        else tt.only_areas(tt.area_status(classes, store.query("trend_area_means", period_kind=kind), cfg), shown_areas)
    )
    st.subheader(ui.tr("trd.areas_h", now=label(now, kind), base=label(base, kind)))
    table(tt.area_comparison(status, now, base, names, lang, cfg), "areas", kind, now, base, key="trd_areas")
    if kind == "quarter":
        st.caption(ui.tr("trd.quarter_note"))
    st.caption(
        ui.tr(
            "trd.rule_note",
            steps=cfg.change_section_marked_steps,
            slight=f"{cfg.change_area_slight_pp:g}",
            marked=f"{cfg.change_area_marked_pp:g}",
            n=cfg.status_min_sections_shares,
        )
    )
    st.subheader(ui.tr("trd.sections_h", now=label(now, kind), base=label(base, kind)))
    table(
        tt.section_comparison(classes[classes["section_id"].isin(local["section_id"])], now, base, snames, lang, cfg),
        "sections",
        kind,
        now,
        base,
        key="trd_sections",
    )
    st.subheader(ui.tr("trd.status_years"))
    st.plotly_chart(
        ft.status_matrix(ystatus, names, lang), width="stretch", key="trd_matrix", config={"displayModeBar": False}
    )
    st.caption(ui.tr("trd.colour_note"))
    areas = list(dict.fromkeys(zip(ystatus["area_kind"], ystatus["area_id"])))
    if areas:
        pick = st.selectbox(
            ui.tr("trd.pick_area"),
            areas,
            key="trd_area",
            format_func={
                a: names.get(a, a[1]) if a[0] == "district" else f"{ui.tr(f'trd.kind.{a[0]}')} · {names.get(a, a[1])}"
                for a in areas
            }.get,
        )
        one = ystatus[(ystatus["area_kind"] == pick[0]) & (ystatus["area_id"] == pick[1])]
        st.plotly_chart(ft.shares_figure(one, lang), width="stretch", key="trd_shares")

with tab_tests:
    c1, c2 = st.columns(2)
    which = c1.radio(
        ui.tr("trd.spearman_table"),
        ["exact", "older"],
        horizontal=True,
        key="trd_table",
        format_func=_bound("trd.table", ["exact", "older"]),
    )
    alpha = c2.radio("α", [0.05, 0.01], horizontal=True, key="trd_alpha")
    tcfg = trends.Settings.load(spearman_table=which, spearman_alpha=alpha)
    st.subheader(ui.tr("trd.shares_h"))
    table(tt.share_trends(ystatus, names, lang, tcfg), "spearman", "shares", which, alpha, key="trd_share_tests")
    st.caption(ui.tr("trd.spearman_note"))
    st.subheader(ui.tr("trd.pindex_h"))
    first = min(pd.Timestamp(p) for p in yclasses["period"]).date() if not yclasses.empty else month
    yinputs = store.query(
        "trend_cwqi_inputs", cwqi_period="year", start=first, end=trends.periods_of("year", month)["end"]
    )
    table(
        tt.pollution_index_trends(yinputs[yinputs["section_id"].isin(local["section_id"])], snames, lang, tcfg),
        "spearman",
        "pollution-index",
        which,
        alpha,
        key="trd_pindex",
    )
    st.caption(ui.tr("trd.pindex_note"))
    st.subheader(ui.tr("trd.params_h"))
    labels = {r.section_id: f"{ui.pick(r, 'river') or '—'} · {getattr(r, ui.name_col())}" for r in local.itertuples()}
    by_river = local.dropna(subset=["river_id"]).groupby("river_id")["section_id"].apply(list)
    default = next((v[:2] for v in by_river if len(v) >= 2), list(labels)[:1])
    c1, c2 = st.columns([3, 2])
    chosen = c1.multiselect(
        ui.tr("trd.pick_sections"), list(labels), default=default, key="trd_secs", format_func=ui.fmt(labels)
    )
    codes = [c for c in params[params["enters_class"]]["code"]]
    chosen_params = c2.multiselect(
        ui.tr("trd.pick_params"), codes, default=["nh3n", "tp"], key="trd_params", format_func=ui.fmt(pnames)
    )
    if chosen and chosen_params:
        series = store.query("trend_section_series", section_ids=chosen, parameters=chosen_params)
        for code in chosen_params:
            data = series[series["parameter"] == code]
            monthly = data[data["period_kind"] == "month"]
            sen = {}
            for sid in chosen:
                m = monthly[monthly["section_id"] == sid]
                sk = trends.seasonal_kendall(m["period"], m["mean_value"], tcfg)
                if sk.is_sufficient:
                    sen[sid] = trends.sen_line(m["period"], m["mean_value"], sk.slope_per_year)
            order = {sid: snames[sid] for sid in chosen}
            st.plotly_chart(
                ft.sections_figure(monthly, order, pnames[code], units[code], lang, sen),
                width="stretch",
                key=f"trd_fig_{code}",
            )
            st.caption(
                "  \n".join(
                    safe_text.md(
                        f"{snames[sid]} — "
                        + tt.badge(pnames[code], data[data["section_id"] == sid], units[code], lang, tcfg)
                    )
                    for sid in chosen
                )
            )
        table(
            tt.parameter_trends(series, snames, pnames, units, lang, tcfg),
            "parameters",
            "-".join(chosen),
            "-".join(chosen_params),
            which,
            alpha,
            key="trd_param_tests",
        )
        st.caption(ui.tr("trd.sk_note"))
    else:
        st.info(ui.tr("trd.need_pick"))

with tab_cwqi:
    c1, c2, c3 = st.columns(3)
    ck = c1.radio(
        ui.tr("trd.period_kind"),
        ["month", "quarter", "year"],
        horizontal=True,
        key="trd_ckind",
        format_func=_bound("trd.pk", ["month", "quarter", "year"]),
    )
    level = c2.radio(
        ui.tr("trd.level"),
        ["section", "river", "town", "district"],
        horizontal=True,
        key="trd_level",
        format_func=_bound("trd.kind", ["section", "river", "town", "district"]),
    )
    years = sorted({pd.Timestamp(p).year for p in ystatus["period"]} - {month.year}, reverse=True) or [month.year - 1]
    base_year = c3.selectbox(ui.tr("trd.base_year"), years, key="trd_base_year")
    cp = trends.periods_of(ck, month, base_year)
    inputs = store.query("trend_cwqi_inputs", cwqi_period=ck, start=min(cp["same_last"], cp["now"]), end=cp["end"])
    if level == "section":
        inputs = inputs[inputs["section_id"].isin(local["section_id"])]
    cnames = {**names, **{("section", k): v for k, v in snames.items()}}
    ranking = tt.cwqi_ranking(inputs, level, cp["now"], cp["same_last"], cnames, lang, cfg)
    st.subheader(ui.tr("trd.cwqi_h", now=label(cp["now"], ck), base=label(cp["same_last"], ck)))
    if ranking.empty:
        st.info(ui.tr("trd.no_data_period"))
    else:
        st.plotly_chart(ft.cwqi_bars(ranking, lang), width="stretch", key="trd_cwqi_fig")
        table(ranking, "cwqi", level, ck, cp["now"], base_year, key="trd_cwqi")
    st.caption(ui.tr("trd.cwqi_note", do=f"{cfg.cwqi_do_numerator:g}"))

with tab_worst:
    wyears = sorted({pd.Timestamp(p).year for p in yclasses["period"]}, reverse=True) or [month.year]
    wy = st.selectbox(ui.tr("trd.worst_year"), wyears, key="trd_worst_year")
    worst = tt.worst_sections(
        yclasses[yclasses["section_id"].isin(local["section_id"])], pd.Timestamp(wy, 1, 1).date(), snames, pnames, lang
    )
    st.subheader(ui.tr("trd.worst_h", year=label(pd.Timestamp(wy, 1, 1), "year")))
    table(worst, "worst", wy, key="trd_worst")
    st.caption(ui.tr("trd.worst_note"))

with tab_tli:  # lakes and reservoirs with chlorophyll a or transparency: the trophic level index (§2.8)
    tk = st.radio(
        ui.tr("trd.period_kind"),
        ["month", "year"],
        horizontal=True,
        key="trd_tli_kind",
        format_func=_bound("trd.pk", ["month", "year"]),
    )
    tinputs = store.query("trend_tli_inputs", period_kind=tk)
    tinputs = tinputs[tinputs["section_id"].isin(local["section_id"])]
    st.subheader(ui.tr(f"trd.tli_h.{tk}"))
    if tinputs.empty:
        st.info(ui.tr("trd.tli_none"))
    else:
        st.plotly_chart(ft.tli_figure(tinputs, snames, lang, tk), width="stretch", key="trd_tli_fig")
        table(tt.tli_table(tinputs, snames, tk, lang), "tli", tk, key="trd_tli")
    st.caption(ui.tr("trd.tli_note"))

with tab_tn:  # the total-nitrogen action (plan task 12): bishui/app/tn_action_panel.py
    tn_action_panel.render(month, town, lang)
