"""水质断面 Section trends: monthly values against the GB 3838 class bands, classes, tables."""

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from bishui.rules import bounds, completeness, freshness
from bishui.views import figures, figures_trends, section_views as sv, trends_tables
from bishui import i18n, safe_text
from bishui.db import store
from bishui.app import ui
from bishui.app import eco_flow_ui
from bishui.rules.labels import pollutants_legend, pollutants_short

lang = ui.lang()
st.title(ui.tr("sec.title"))
if ui.month() and ui.month_status() in ("provisional", "incomplete"):  # the sidebar month is not complete
    st.caption(ui.tr("cmp.month_note", month=ui.month_label()))
sections = store.query("sections_list", town_id=ui.town_id())
params = store.query("parameters_list")
params = sv.charted_parameters(params)
if sections.empty:
    st.info(ui.tr("empty.no_rows"))
    st.stop()

labels = {
    r.section_id: f"{ui.pick(r, 'river') or '—'} · {ui.pick(r, 'town') or '—'} · {getattr(r, ui.name_col())}"
    for r in sections.itertuples()
}
names = dict(zip(sections["section_id"], sections[ui.name_col()]))
param_names = dict(zip(params["code"], params[ui.name_col()]))
units = dict(zip(params["code"], params["unit"]))
month_end = (pd.Timestamp(ui.month() or ui.now()) + pd.offsets.MonthEnd(0)).date()
default_range = ((pd.Timestamp(month_end) - pd.DateOffset(months=23)).replace(day=1).date(), month_end)


c1, c2, c3 = st.columns([3, 2, 2])
chosen = ui.url_multiselect(
    c1,
    ui.tr("sec.pick_sections"),
    "sections",
    "sec_sections",
    list(labels),
    labels,
    [sections["section_id"].iloc[0]],
    url_label=ui.tr("sec.url_section"),
)
chosen_params = ui.url_multiselect(
    c2,
    ui.tr("sec.pick_parameters"),
    "params",
    "sec_params",
    list(param_names),
    param_names,
    ["nh3n", "tp", "codmn"],
    url_label=ui.tr("sec.url_parameter"),
)
# a range beyond the data (a URL from year 1 to 9999) is narrowed to the days with data, and says so
extent = store.query("readings_extent")
within = None if extent.empty else (extent.at[0, "first_on"], extent.at[0, "last_on"])
picked = ui.url_date_range(
    c3, ui.tr("sec.range"), "range", "sec_range", default_range, url_label=ui.tr("sec.url_date"), within=within
)
show_auto = ui.url_flag(c3, ui.tr("sec.show_auto"), "auto", "sec_auto", url_label="auto")
if not chosen:
    st.info(ui.tr("sec.need_sections"))
    st.stop()
if not chosen_params:
    st.info(ui.tr("sec.need_parameters"))
    st.stop()
if picked is None:
    st.info(ui.tr("sec.range_incomplete"))
    st.stop()
start, end = picked
if ui.range_was_narrowed("sec_range"):
    st.caption(":material/info: " + ui.tr("bounds.range_clamped", start=start.isoformat(), end=end.isoformat()))
drawn, drawn_params = bounds.chart_pairs(chosen, chosen_params)  # charts for at most MAX_CHART_PAIRS series
if (len(drawn), len(drawn_params)) != (len(chosen), len(chosen_params)):
    st.caption(
        ":material/info: "
        + ui.tr(
            "bounds.charts_capped",
            n_sections=len(chosen),
            n_params=len(chosen_params),
            cap=bounds.MAX_CHART_PAIRS,
            shown_sections=len(drawn),
            shown_params=len(drawn_params),
        )
    )

# when each chosen section's latest automatic and manual data were taken (issue 12 item 6)
as_of = store.query("section_data_as_of", town_id=ui.town_id()).set_index("section_id")
st.caption(
    ":material/schedule: "
    + "  \n".join(
        freshness.section_line(
            safe_text.md(names[s]),
            as_of.at[s, "last_auto_at"],
            as_of.at[s, "last_manual_on"],
            bool(as_of.at[s, "has_auto_station"]),
            lang,
        )
        for s in chosen
        if s in as_of.index
    )
)
# values reported and later revised, with both values and dates (queries/reading_revisions.sql)
revised = sv.revisions_of(store.query("reading_revisions", section_id=None), chosen)
if len(revised):
    pnames = dict(zip(params["code"], params[ui.name_col()]))
    st.caption(
        ":material/edit_note: "
        + "  \n".join(
            freshness.revision_line(
                safe_text.md(names[r.section_id]),
                safe_text.md(pnames.get(r.parameter, r.parameter)),
                r.sampled_on,
                r.old_value,
                r.reported_at,
                r.new_value,
                r.revised_at,
                lang,
            )
            for r in revised.itertuples()
        )
    )

monthly = store.query("section_parameter_monthly", section_ids=chosen, parameters=chosen_params, start=start, end=end)
classes = store.query(
    "section_class_history", section_ids=chosen, period_kind="month", start=start, end=end, now=ui.now()
)
all_names = dict(zip(params["code"], params[ui.name_col()])) | param_names
marked = sv.monthly_with_status(monthly, classes)
history = store.query("trend_section_series", section_ids=drawn, parameters=drawn_params)  # trend badges, Sen lines
auto = None
if show_auto:  # at most bounds.MAX_AUTO_POINTS points: the latest months that fit, and the page says so
    counts = store.query("section_auto_month_counts", section_ids=drawn, parameters=drawn_params, start=start, end=end)
    auto_start, shown, total = bounds.auto_window(list(zip(counts["month"], counts["n_readings"])), start)
    if auto_start > start:
        st.caption(
            ":material/info: "
            + ui.tr(
                "bounds.auto_capped",
                total=f"{total:,}",
                cap=f"{bounds.MAX_AUTO_POINTS:,}",
                shown=f"{shown:,}",
                start=auto_start.isoformat(),
            )
        )
    auto = store.query("section_auto_series", section_ids=drawn, parameters=drawn_params, start=auto_start, end=end)
if show_auto and auto is not None and auto.empty:
    st.caption(ui.tr("sec.no_auto"))
first = sections.set_index("section_id").loc[chosen[0]]
wbt = i18n.code_label("water_body_type", first["water_body_type"], lang)
if sections.set_index("section_id").loc[chosen, "water_body_type"].nunique() > 1:
    st.caption(ui.tr("sec.mixed_types"))

for code in drawn_params:
    data = marked[(marked["parameter"] == code) & marked["section_id"].isin(drawn)]
    if data.empty:
        st.info(ui.tr("sec.no_data", param=safe_text.md(param_names[code])))
        continue
    auto_p = auto[auto["parameter"] == code] if auto is not None else None
    fig = figures.trend_figure(data, names, param_names[code], units[code], lang, auto_p, param_names=all_names)
    badges, sen = trends_tables.section_badges(
        history[history["parameter"] == code],
        {c: names[c] for c in drawn},
        param_names[code],
        units[code],
        lang,
        window=(start, end),
    )
    figures_trends.add_sen_lines(fig, sen, names, lang, order=list(dict.fromkeys(data["section_id"])))
    st.plotly_chart(fig, width="stretch", key=f"trend_{code}")
    last = data.sort_values("month").groupby("section_id").tail(1)
    st.caption(
        "  \n".join(
            ui.tr(
                "sec.change",
                name=safe_text.md(names[r.section_id]),
                month=pd.Timestamp(r.month).strftime("%Y-%m"),
                mom=f"{r.mom_pct:+.1f}%" if pd.notna(r.mom_pct) else ui.tr("sec.na"),
                yoy=f"{r.yoy_pct:+.1f}%" if pd.notna(r.yoy_pct) else ui.tr("sec.na"),
            )
            for r in last.itertuples()
        )
        + "  \n"
        + ui.tr("sec.band_note", wbt=wbt)
    )
    st.caption("  \n".join(safe_text.md(b) for b in badges))  # names shown as typed

eco_flow_ui.flow_under_trends(chosen, start, end, names)  # flow beside concentration (task 10)

st.subheader(ui.tr("sec.strip"))
st.plotly_chart(
    figures.class_strip(classes, names, lang, param_names=all_names),
    width="stretch",
    config={"displayModeBar": False},
    key="strip",
)
st.caption(ui.tr("cmp.matrix_legend"))
years = store.query("section_class_history", section_ids=chosen, period_kind="year", start=start, end=end, now=ui.now())
st.subheader(ui.tr("sec.annual"))
years_grid = years.assign(
    row=years["section_id"].map(names),
    col=[
        pd.Timestamp(p).strftime("%Y") + ("*" if i else "") for p, i in zip(years["period"], years["is_insufficient"])
    ],
    hover=[
        f"{safe_text.plotly(names[s])}: {ui.class_text(k)}" + (f"<br>{safe_text.plotly(n)}" if n else "")
        for s, k, n in zip(
            years["section_id"],
            years["water_class"],
            [completeness.note(r, lang, all_names) for r in years.to_dict("records")],
        )
    ],
    cell=[completeness.cell_text(k, c, lang) for k, c in zip(years["water_class"], years["completeness"])],
    is_judged=years["completeness"].eq("complete"),
)
st.plotly_chart(
    figures.class_matrix(years_grid, lang, height_per_row=30, min_height=120, font_size=11),
    width="stretch",
    config={"displayModeBar": False},
    key="annual",
)
if years["is_insufficient"].any():
    st.caption(ui.tr("sec.annual_insufficient"))

st.subheader(ui.tr("sec.table"))
table = sv.month_table(monthly, classes)


def per_value(fn, values) -> list:
    """fn of each value, called once per distinct value (a table of every section holds thousands of
    rows and a handful of classes and pollutant lists)."""
    memo: dict = {}
    return [memo[k] if (k := None if pd.isna(v) else v) in memo else memo.setdefault(k, fn(v)) for v in values]


out = pd.DataFrame(
    {
        "section": table["section_id"].map(names),
        "month": pd.to_datetime(table["month"]).dt.strftime("%Y-%m"),
        "water_class": per_value(ui.class_text, table["water_class"]),
        "target_class": per_value(ui.class_text, table["target_class"]),
        # a month that is not complete says so (and why), never reads as a final class
        "completeness": [
            completeness.note(r, lang, all_names) or completeness.status_label("complete", lang)
            if isinstance(r.get("completeness"), str)
            else ""
            for r in table.to_dict("records")
        ],
        "main_pollutants": per_value(lambda v: pollutants_short(v, lang), table["main_pollutants"]),
        # multiples over the target-class limit: the evaluation's list, as on the overview (section_period_class)
        "exceed_target": per_value(lambda v: pollutants_short(v, lang), table["exceed_target"]),
    }
)
for code in chosen_params:
    if code in table:
        out[f"{param_names[code]} ({units[code]})"] = table[code].round(4)
shown = ui.localise_columns(out)
legend = pollutants_legend([*table["main_pollutants"], *table["exceed_target"]], lang)
trace_col = ui.tr("trc.link")  # a missed month opens its tracing page (shown only, not downloaded)
# a miss is known before the month is complete: more items can only make the class worse
links = [
    f"tracing?{urlencode({'section': s, 'month': m, 'lang': lang})}" if pd.notna(w) and pd.notna(t) and w > t else None
    for s, m, w, t in zip(table["section_id"], out["month"], table["water_class"], table["target_class"])
]
st.dataframe(
    shown.assign(**{trace_col: links})[[trace_col, *shown.columns]],
    hide_index=True,
    width="stretch",
    placeholder="",
    column_config={
        i18n.column_label("main_pollutants", lang): st.column_config.TextColumn(
            help=ui.tr("ov.pollutants_help", legend=legend)
        ),
        i18n.column_label("exceed_target", lang): st.column_config.TextColumn(
            help=ui.tr("ov.exceed_help", legend=legend)
        ),
        trace_col: st.column_config.LinkColumn(display_text=trace_col),
    },
)
st.caption(ui.tr("sec.table_caption"))
ui.download_buttons(shown, "sections", "-".join(chosen), "-".join(chosen_params), start, end, key="sections")

with st.expander(ui.tr("asof.all_sections")):
    as_of_all = ui.localise_columns(freshness.as_of_table(as_of.reset_index(), lang))
    st.dataframe(as_of_all, hide_index=True, width="stretch")
    ui.download_buttons(as_of_all, "data-as-of", ui.town_id(), key="sections_as_of")
