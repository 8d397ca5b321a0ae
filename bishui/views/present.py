"""Builders for presentation mode (the shared meeting screen): a plain HTML table whose cells wrap
instead of being cut off (st.dataframe draws on a canvas with fixed column widths, which clips long
text and hides columns off its right edge at 1920x1080).

Pure: frames in, HTML text out. Every cell, header and tooltip is HTML-escaped, so text from the
warehouse or an import file is shown as text."""

from __future__ import annotations

import html
from typing import Mapping, Sequence

import pandas as pd

TABLE_CLASS = "bishui-table"


def _text(value) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    return str(value)


def html_table(df: pd.DataFrame, titles: Mapping[str, Sequence[str]] | None = None, nowrap: Sequence[str] = ()) -> str:
    """A <table class="bishui-table"> of df (its column names as headers, no index).

    titles: column -> one tooltip per row (e.g. full names behind short labels), shown as the cell's
    title attribute. nowrap: columns whose cells must not wrap (short labels such as classes)."""
    titles = titles or {}
    head = "".join(f"<th>{html.escape(_text(c))}</th>" for c in df.columns)
    rows = []
    for i, record in enumerate(df.itertuples(index=False, name=None)):
        cells = []
        for col, value in zip(df.columns, record):
            attrs = ""
            tips = titles.get(col)
            if tips is not None and _text(tips[i]):
                attrs += f' title="{html.escape(_text(tips[i]), quote=True)}"'
            if col in nowrap:
                attrs += ' class="nowrap"'
            cells.append(f"<td{attrs}>{html.escape(_text(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="{TABLE_CLASS}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
