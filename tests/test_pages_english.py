"""Every page in English on the sample warehouse: what the app owns (titles, labels, metrics, tabs,
widget options, table headers and cells) has no Chinese where an English name exists in the data.
Data with no English column (outfall and blank-area names, road names, an outfall's responsible unit
and tracing notes) is shown as is: those columns are listed per page."""

from __future__ import annotations

import re

import pytest

from tests.apptest_helpers import PAGES, app

CJK = re.compile(r"[\u4e00-\u9fff]")
# columns (English headers) holding data that has no English in the import format
AS_IS = {
    "pages/outfalls.py": {"Outfall", "Responsible unit", "Value"},
    "pages/pipes.py": {"Outfall", "Responsible unit", "Blank area", "Road"},
    "pages/tracing.py": {"Name", "Candidate"},  # candidates include outfalls and blank areas (no English names)
    "pages/eco_flow.py": {"Decided by", "Note"},  # sluice operations: who decided and the note, as logged
    "pages/drinking_water.py": {"Name"},  # risk sources include outfalls (no English names)
    "pages/enforcement.py": {"Note"},  # an inspection's note is kept as written
}


def _chinese_on(at, page: str) -> list:
    found = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        found += [(kind, str(e.value)) for e in getattr(at, kind) if CJK.search(str(e.value))]
    found += [("metric", m.label, m.value) for m in at.metric if CJK.search(f"{m.label} {m.value}")]
    found += [("tab", t.label) for t in at.tabs if CJK.search(t.label)]
    for w in list(at.selectbox) + list(at.multiselect):
        if page in AS_IS and w.label in AS_IS[page] | {"Outfall"}:
            continue
        found += [("option", w.label, o) for o in w.options if CJK.search(str(o))]
    for df in at.dataframe:
        value = df.value
        value = value.data if hasattr(value, "data") else value
        for col in value.columns:
            if CJK.search(str(col)):
                found.append(("header", col))
            if col in AS_IS.get(page, set()):
                continue
            found += [("cell", col, v) for v in map(str, value[col].tolist()) if CJK.search(v)][:3]
    return found


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_show_no_chinese_where_english_exists(sample_db, use_db, page):
    use_db(sample_db)
    at = app({"lang": "en", "month": "2023-07"}, page)
    assert not at.exception, at.exception
    found = _chinese_on(at, page)
    assert not found, found
