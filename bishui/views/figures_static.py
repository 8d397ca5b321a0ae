"""Static (PNG) charts for documents: matplotlib, no browser, no network. Pure builders: data in, PNG
bytes out; no Streamlit, no queries.

Why matplotlib and not plotly's static export: kaleido is not installed and its current versions drive
a Chrome of their own choosing through choreographer; matplotlib's Agg renderer draws in-process in a
few tens of milliseconds with the system's Noto CJK fonts, the same on every machine and in the
deferred download thread of the app. The colours are the app's class scale (bishui.rules.standards), so the
image reads like the overview's matrix.

Strings from the warehouse (section names) are drawn as plain text: mathtext is switched off, so a
name like '$x$' is shown as written."""

from __future__ import annotations

import functools
import io
from typing import Any
import types

import pandas as pd

from bishui import i18n
from bishui.rules.labels import class_short
from bishui.rules.standards import CLASS_COLORS, NO_DATA_COLOR

FONTS = [
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "SimSun",
    "Microsoft YaHei",
    "DejaVu Sans",
]


@functools.cache
def _mpl() -> types.SimpleNamespace:
    """matplotlib, imported when a document is first drawn (not with the pages that merely offer one:
    it costs ~0.4 s)."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle

    return types.SimpleNamespace(
        rc_context=matplotlib.rc_context, font_manager=font_manager, Figure=Figure, Patch=Patch, Rectangle=Rectangle
    )


def _families() -> list[str]:
    """The preferred fonts that exist here (matplotlib warns for every missing family otherwise)."""
    have = {f.name for f in _mpl().font_manager.fontManager.ttflist}
    return [f for f in FONTS if f in have] or ["DejaVu Sans"]


def _text_color(hex_color: str) -> str:
    r, g, b = (int(hex_color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return "#111111" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"


def class_matrix_png(
    df: pd.DataFrame, lang: str, row_label: str = "row", col_label: str = "col", dpi: int = 200
) -> bytes:
    """The overview's status matrix as a PNG: one row per section, one column per month, cells in the
    class colours with the short class label, misses framed in black, a legend of the classes below.

    df columns (as for bishui.views.figures.class_matrix): `row` (label, rows in order of first appearance),
    `col` (month label), `water_class` (1..6 or NaN), `is_attained` (bool or NaN)."""
    rows = list(dict.fromkeys(df[row_label]))
    cols = list(dict.fromkeys(df[col_label]))
    lookup = {(r[row_label], r[col_label]): r for r in df.to_dict("records")}
    width_in = 6.3  # A4 text width at 20 mm margins
    top_in, bottom_in = 0.7, 0.4  # rotated month labels above, the legend below
    height_in = top_in + 0.27 * max(len(rows), 1) + bottom_in
    with _mpl().rc_context(
        {
            "text.parse_math": False,
            "font.family": "sans-serif",
            "font.sans-serif": _families(),
            "axes.unicode_minus": False,
        }
    ):
        fig = _mpl().Figure(figsize=(width_in, height_in), dpi=dpi)
        ax = fig.add_axes((0.28, bottom_in / height_in, 0.66, 1 - (top_in + bottom_in) / height_in))
        for i, row in enumerate(rows):
            for j, col in enumerate(cols):
                rec = lookup.get((row, col))
                k: Any = rec.get("water_class") if rec else None  # a warehouse cell: int, float, NaN or None
                has = k is not None and not pd.isna(k)
                color = CLASS_COLORS[int(k)] if has else NO_DATA_COLOR
                ax.add_patch(_mpl().Rectangle((j + 0.04, i + 0.06), 0.92, 0.88, facecolor=color, edgecolor="none"))
                ax.text(
                    j + 0.5,
                    i + 0.5,
                    class_short(k, lang) if has else "–",
                    ha="center",
                    va="center",
                    fontsize=6.5,
                    color=_text_color(color),
                )
                if rec and rec.get("is_attained") is False:
                    ax.add_patch(
                        _mpl().Rectangle(
                            (j + 0.06, i + 0.08), 0.88, 0.84, fill=False, edgecolor="#111111", linewidth=1.4
                        )
                    )
        ax.set_xlim(0, max(len(cols), 1))
        ax.set_ylim(max(len(rows), 1), 0)
        ax.set_xticks(
            [j + 0.5 for j in range(len(cols))],
            [str(c) for c in cols],
            fontsize=6.5,
            rotation=45,
            ha="left",
            rotation_mode="anchor",
        )
        ax.xaxis.tick_top()
        ax.set_yticks([i + 0.5 for i in range(len(rows))], [str(r) for r in rows], fontsize=7)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        handles = [_mpl().Patch(facecolor=CLASS_COLORS[k], label=i18n.t(f"class.{k}", lang)) for k in range(1, 7)]
        handles += [
            _mpl().Patch(facecolor=NO_DATA_COLOR, label=i18n.t("class.none", lang)),
            _mpl().Patch(facecolor="white", edgecolor="#111111", linewidth=1.4, label=i18n.t("fig.miss_marker", lang)),
        ]
        fig.legend(
            handles=handles,
            loc="lower center",
            ncol=8,
            fontsize=6,
            frameon=False,
            handlelength=1.2,
            columnspacing=0.8,
            bbox_to_anchor=(0.5, 0.0),
        )
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def class_months_png(df: pd.DataFrame, threshold: int, lang: str, slots: int = 12, dpi: int = 200) -> bytes:
    """One section's monthly class as coloured bars (taller = worse; none = no data) against a
    threshold class drawn as a dashed line, month labels below; months over the threshold are framed.

    df columns: `col` (month label, in order), `water_class` (1..6 or NaN). The axis has room for
    `slots` months (a year), so bars keep their width early in the year."""
    with _mpl().rc_context(
        {
            "text.parse_math": False,
            "font.family": "sans-serif",
            "font.sans-serif": _families(),
            "axes.unicode_minus": False,
        }
    ):
        fig = _mpl().Figure(figsize=(6.3, 2.3), dpi=dpi)
        ax = fig.add_axes((0.1, 0.15, 0.88, 0.72))
        cols = [str(c) for c in df["col"]]
        for j, k in enumerate(df["water_class"]):
            has = k is not None and not pd.isna(k)
            if not has:
                ax.text(j, 0.2, "–", ha="center", va="bottom", fontsize=10, color="#555555")
                continue
            over = int(k) > threshold
            ax.bar(
                j,
                int(k),
                width=0.7,
                color=CLASS_COLORS[int(k)],
                edgecolor="#111111" if over else "none",
                linewidth=1.4 if over else 0,
            )
            ax.text(j, int(k) + 0.1, class_short(k, lang), ha="center", va="bottom", fontsize=6.5)
        ax.axhline(threshold + 0.5, color="#111111", linestyle="--", linewidth=1)
        ax.text(
            0,
            1.03,
            "- - " + i18n.t("brf.chart.threshold", lang, cls=i18n.t(f"class.{threshold}", lang)),
            transform=ax.transAxes,
            ha="left",
            va="bottom",
            fontsize=6.5,
        )
        ax.set_xticks(range(len(cols)), cols, fontsize=6.5)
        ax.set_xlim(-0.6, max(len(cols), slots) - 0.4)
        ax.set_ylim(0, 7)
        ax.set_yticks(range(1, 7), [class_short(k, lang) for k in range(1, 7)], fontsize=6.5)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
