"""总览 Overview: the weekly-meeting screen for the chosen month."""

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from bishui.reports import briefing
from bishui.views import figures, present
from bishui.rules import labels
from bishui.reports import compensation as comp
from bishui.rules import completeness
from bishui import i18n, safe_text
from bishui.db import store
from bishui.app import ui

MATRIX_MAX_ROWS = 40
PRESENT_MISSES_MAX = 6  # rows of the misses table that fit the shared screen under the cards

month = ui.month()
town = ui.town_id()
if month is None:
    st.info(ui.tr("app.no_data_month"))
    st.stop()
lang = ui.lang()
month_label = ui.month_label(month)
town_label = (
    ui.tr("sidebar.town_all") if town is None else store.query("towns").set_index("town_id").loc[town, ui.name_col()]
)
if ui.presenting():  # the meeting's run-through: this overview is one screen of the agenda (bishui.reports.agenda)
    from bishui.app import agenda_ui

    if (screen := agenda_ui.begin()) != "overview":
        agenda_ui.show(screen, month, town, town_label)
        st.stop()
st.title(ui.tr("ov.title", month=month_label, town=safe_text.md(town_label)))
if not ui.presenting():  # the document is made only when clicked (deferred): the overview never waits for it
    st.download_button(
        ui.tr("brf.download"),
        data=lambda: briefing.build_briefing(month, lang, town),
        file_name=briefing.file_name(month, lang, town),
        mime=briefing.MIME,
        key="ov_briefing",
        help=ui.tr("brf.download_help"),
        on_click="ignore",
        icon=":material/description:",
    )


def money(v: float) -> str:
    return ui.tr("ov.wan", v=v / 10000) if lang == "zh" else ui.tr("ov.yuan", v=v)


now = ui.now()
att = store.query("overview_attainment", month=month, town_id=town, now=now).iloc[0]
src = store.query("overview_sources", month=month, town_id=town).iloc[0]
ledger = store.query(
    "compensation_ledger", start=dt.date(month.year, 1, 1), end=month, town_id=None, **comp.ledger_params(now)
)
this_month = comp.month_rows(ledger, month)
key = comp.key_section_rows(this_month)
due_month = float(this_month["amount_cny"].sum())
due_ytd = float(ledger["amount_cny"].sum())

c1, c2, c3, c4, c5, c6 = st.columns(6)
# a change only between two judged months (a running month with nothing complete is not "−8")
change = int(att.n_attained - att.prev_n_attained) if att.prev_n_evaluated and att.n_evaluated else None
c1.metric(
    ui.tr("ov.card.attained"),
    ui.tr("ov.card.attained_value", n=int(att.n_attained), of=int(att.n_evaluated)),
    delta=change,
    delta_description=ui.tr("ov.card.attained_delta") if change is not None else None,
    delta_color="off" if change == 0 else "normal",
    delta_arrow="off" if change == 0 else "auto",
    help=ui.tr("ov.card.attained_help", total=int(att.n_sections)),
    border=True,
)
if len(key):
    k = key.iloc[0]
    # met / missed only for a complete month (the ledger's ok / owed); else the ledger status says why
    verdict = {"ok": ui.tr("common.attained"), "owed": ui.tr("common.missed")}.get(k.status) or ui.tr(
        f"comp.status.{k.status}"
    )
    value = (
        ui.class_text(k.water_class)
        if k.status in ("ok", "owed") or pd.isna(k.water_class)
        else completeness.cell_text(k.water_class, "provisional" if k.status == "provisional" else "incomplete", lang)
    )
    c2.metric(
        safe_text.md(k[f"section_{lang}"]),
        ui.tr("common.no_data") if k.status == "no_data" else value,
        delta=ui.tr("ov.card.key_verdict", verdict=verdict, target=ui.class_text(k.threshold_class)),
        delta_color="inverse" if k.status == "owed" else ("normal" if k.status == "ok" else "off"),
        delta_arrow="off",
        help=ui.tr("ov.card.key_help"),
        border=True,
    )
else:
    c2.metric(ui.tr("ov.card.no_key_section"), "–", border=True)
c3.metric(
    ui.tr("ov.card.comp_month"),
    money(due_month),
    delta=ui.tr("ov.card.comp_ytd", value=money(due_ytd)),
    delta_color="off",
    delta_arrow="off",
    help=ui.tr("ov.card.comp_help"),
    border=True,
)
c4.metric(
    ui.tr("ov.card.outfalls"),
    int(src.open_outfalls),
    delta=ui.tr("ov.card.outfalls_delta", n=int(src.overdue_outfalls)),
    delta_color="inverse" if src.overdue_outfalls else "off",
    delta_arrow="off",
    border=True,
)
c5.metric(
    ui.tr("ov.card.pipes"),
    ui.tr("ov.card.pipes_value", km=float(src.combined_pipe_km)),
    delta=ui.tr("ov.card.pipes_delta", n=int(src.combined_segments)),
    delta_color="off",
    delta_arrow="off",
    border=True,
)
c6.metric(
    ui.tr("ov.card.black"),
    int(src.open_black_odorous_urban),
    delta=ui.tr("ov.card.black_delta", rural=int(src.open_black_odorous_rural)),
    delta_color="off",
    delta_arrow="off",
    help=ui.tr("ov.card.black_help"),
    border=True,
)

if int(att.n_evaluated) < int(att.n_sections):  # only sections whose month is complete are judged
    st.caption(ui.tr("cmp.so_far", n=int(att.n_with_data), total=int(att.n_sections), judged=int(att.n_evaluated)))

matrix = store.query("section_status_matrix", month=month, town_id=town, now=now)
n_all = matrix["section_id"].nunique()
this = matrix[pd.to_datetime(matrix["month"]).dt.date == month]
status_now = dict(zip(this["section_id"], this["completeness"]))  # the chosen month's completeness per section
n_judged = int((this["completeness"] == "complete").sum())
n_not_judged = int(this["completeness"].isin(["provisional", "incomplete"]).sum())
if n_all > MATRIX_MAX_ROWS:  # province scale: the meeting screen shows what needs discussing
    matrix = figures.matrix_focus(matrix, month, MATRIX_MAX_ROWS)
left, right = st.columns([3, 2] if not ui.presenting() else [1, 1])
with left:
    st.subheader(ui.tr("ov.matrix"))
    if matrix.empty:
        st.info(ui.tr("empty.no_rows"))
    else:
        star = ui.tr("ov.assessment_mark")
        plist = store.query("parameters_list")
        param_names = dict(zip(plist["code"], plist[ui.name_col()]))
        grid = matrix.assign(
            row=[(star + " " if a else "") + n for a, n in zip(matrix["is_assessment"], matrix[ui.name_col()])],
            # 16 px labels on the shared screen: month numbers keep twelve columns upright in half the
            # width (the title says "last 12 months"; each cell's hover names its year and month)
            col=pd.to_datetime(matrix["month"]).dt.strftime("%m" if ui.presenting() else "%Y-%m"),
            hover=[
                f"{safe_text.plotly(r[ui.name_col()])} {pd.Timestamp(r['month']):%Y-%m}: {ui.class_text(r['water_class'])}"
                f" / {ui.tr('common.target')} {ui.class_text(r['target_class'])}"
                + (
                    f"<br>{safe_text.plotly(full)}"
                    if (full := labels.pollutants_full(r["main_pollutants"], lang))
                    else ""
                )
                + (f"<br>{safe_text.plotly(n)}" if (n := completeness.note(r, lang, param_names)) else "")
                for r in matrix.to_dict("records")
            ],
            cell=[
                completeness.cell_text(k, c, lang, r)
                for k, c, r in zip(matrix["water_class"], matrix["completeness"], matrix["no_flow_reason"])
            ],
            is_judged=matrix["completeness"].eq("complete"),
        )
        fig = figures.class_matrix(
            grid,
            lang,
            height_per_row=32,  # labels a room can read on the shared screen
            font_size=16 if ui.presenting() else 12,
        )
        st.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, key="matrix")
        st.caption(ui.tr("ov.matrix_caption") + " " + ui.tr("cmp.matrix_legend"))
        if n_all > MATRIX_MAX_ROWS:
            st.caption(ui.tr("ov.matrix_capped", n=matrix["section_id"].nunique(), total=n_all))
        # a chart cell cannot be clicked through (Plotly heatmaps return no selection): the missed cells
        # as a picker that opens the cell's tracing page
        missed = matrix[matrix["is_attained"].eq(False)].sort_values(["month", "section_id"], ascending=[False, True])
        if len(missed) and not ui.presenting():  # the run-through has its own misses screen
            cells = {
                f"{r['section_id']}|{pd.Timestamp(r['month']):%Y-%m}": f"{r[ui.name_col()]} · {pd.Timestamp(r['month']):%Y-%m}"
                for r in missed.to_dict("records")
            }
            ui.track("ov_trace_cell")
            c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
            cell = c1.selectbox(ui.tr("ov.trace_cell"), list(cells), key="ov_trace_cell", format_func=ui.fmt(cells))
            if cell in cells:
                sid, m = cell.split("|", 1)
                c2.link_button(ui.tr("trc.link"), "tracing?" + urlencode({"section": sid, "month": m, "lang": lang}))
with right:
    st.subheader(ui.tr("ov.misses"))
    misses = store.query("section_month_misses", month=month, town_id=town)
    n_misses = len(misses)
    if ui.presenting():  # the worst first (the query's order); the rest are named in a caption
        misses = misses.head(PRESENT_MISSES_MAX)
    if misses.empty and n_judged == 0:  # nothing complete: "every section met" would be a guess
        st.info(ui.tr("ov.none_judged", n=n_not_judged))
    elif misses.empty:
        st.success(ui.tr("ov.no_misses"))
        if n_not_judged:
            st.caption(ui.tr("ov.not_judged_yet", n=n_not_judged))
    else:
        table = pd.DataFrame(
            {
                "section": misses[ui.name_col()],
                "town": misses[f"town_{lang}"],
                # on the shared screen the header says "class": the cells need only Ⅳ / 劣Ⅴ (>Ⅴ)
                "water_class": [
                    labels.class_short(v, lang) if ui.presenting() else ui.class_text(v) for v in misses["water_class"]
                ],
                "target_class": [
                    labels.class_short(v, lang) if ui.presenting() else ui.class_text(v) for v in misses["target_class"]
                ],
                "main_pollutants": [labels.pollutants_short(v, lang) for v in misses["main_pollutants"]],
                "exceed_target": [labels.pollutants_short(v, lang) for v in misses["exceed_target"]],
            }
        )
        if any(status_now.get(s, "complete") != "complete" for s in misses["section_id"]):
            # a miss from a month still running (or missing items) is shown as such: it may change
            table["completeness"] = [
                completeness.status_label(status_now.get(s, "complete"), lang) for s in misses["section_id"]
            ]
        shown = ui.localise_columns(table)
        main_col, exceed_col = i18n.column_label("main_pollutants", lang), i18n.column_label("exceed_target", lang)
        if ui.presenting():  # an HTML table: cells wrap instead of being cut off on the shared screen
            st.html(
                present.html_table(
                    shown,
                    nowrap=[i18n.column_label(c, lang) for c in ("water_class", "target_class")],
                    titles={
                        main_col: [labels.pollutants_full(v, lang) for v in misses["main_pollutants"]],
                        exceed_col: [
                            labels.pollutants_full(v, lang, against="target") for v in misses["exceed_target"]
                        ],
                    },
                )
            )
            if n_misses > len(misses):
                st.caption(ui.tr("ov.misses_more", n=n_misses - len(misses)))
        else:
            legend = labels.pollutants_legend([*misses["main_pollutants"], *misses["exceed_target"]], lang)
            trace_col = ui.tr("trc.link")  # each miss opens the tracing page (shown only, not downloaded)
            links = [
                f"tracing?{urlencode({'section': s, 'month': month.strftime('%Y-%m'), 'lang': lang})}"
                for s in misses["section_id"]
            ]
            st.dataframe(
                shown.assign(**{trace_col: links})[[trace_col, *shown.columns]],
                hide_index=True,
                width="stretch",
                column_config={
                    main_col: st.column_config.TextColumn(help=ui.tr("ov.pollutants_help", legend=legend)),
                    exceed_col: st.column_config.TextColumn(help=ui.tr("ov.exceed_help", legend=legend)),
                    trace_col: st.column_config.LinkColumn(display_text=trace_col),
                },
            )
        if not ui.presenting():
            ui.download_buttons(shown, "misses", month.strftime("%Y-%m"), town, key="misses")

if not ui.presenting():  # what the latest import brought (issue 12 item 7)
    from bishui.app import alerts_ui

    alerts_ui.show_block()
