"""Strings from the URL, an uploaded file or the warehouse, made safe to show as plain text.

Two output languages interpret text: Streamlit's markdown (st.markdown/caption/info/warning/error/
success/title/subheader/toast, metric/tab/expander labels, radio options, help tooltips) and
Plotly's pseudo-HTML (trace names, tick labels, titles, annotations, hover text, templates).
A name such as ``[x](https://evil.example)`` or ``<a href=...>`` must appear as those characters,
never as a link, an image or markup. Escape the *value* where it is put into the output (the
i18n templates around it may use markdown on purpose), exactly once, at the output boundary:

    st.caption(ui.tr("sec.change", name=safe_text.md(name), ...))
    go.Scatter(name=safe_text.plotly(name))
"""

from __future__ import annotations

import re
import string
from typing import Any

_PUNCT = frozenset(string.punctuation)  # CommonMark: every ASCII punctuation char may be backslash-escaped
_CONTROL = {c: " " for c in range(0x20) if c != 0x09} | {0x09: " ", 0x7F: " ", 0x2028: " ", 0x2029: " "}
# GFM's literal autolinks (https://x.y, www.x.y, a@x.y, mailto:/xmpp:) are found in the parsed text, after
# backslash escapes are resolved (checked in chromium): an invisible zero-width space breaks each pattern.
_ZWSP = "\u200b"
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)|(?<=\bmailto:)(?!//)|(?<=\bxmpp:)(?!//)")


def _text(value: Any) -> str:
    if value is None:
        return ""
    try:
        import pandas as pd

        if not isinstance(value, str) and pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).replace("\r\n", "\n")


def md(value: Any) -> str:
    """`value` as literal text inside Streamlit markdown.

    Every ASCII punctuation character is backslash-escaped, so no link, image, autolink (the colon
    of https: and the dots of www.x.y are escaped), emphasis, heading, list, table, code, raw HTML,
    LaTeX ($) or colour directive can start inside it; line breaks become spaces (a value never
    starts a new block); a zero-width space after ':' before '//', after 'www' before '.', and after '@'
    stops GFM's literal autolinks, which escapes alone do not. None and NaN become ''."""
    text = _AUTOLINK.sub(_ZWSP, _text(value).translate(_CONTROL))
    return "".join("\\" + ch if ch in _PUNCT else ch for ch in text)


def plotly(value: Any) -> str:
    """`value` as literal text inside a Plotly label, title, hover text or template.

    Plotly renders a subset of HTML (<a href> as a live link, <b>, <i>, <br>, <span style>) and
    substitutes %{...} in templates; & < > become entities, % and $ numeric entities
    (Plotly decodes &#NN; when it draws text), so the characters show as themselves. None and NaN
    become ''."""
    text = _text(value).translate(_CONTROL)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("%", "&#37;").replace("$", "&#36;")
    )
