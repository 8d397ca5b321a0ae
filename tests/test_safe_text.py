"""Strings from the URL, a file or the warehouse are shown as text (issue 16 item 4).

The helper bishui.safe_text (md for Streamlit markdown, plotly for Plotly's pseudo-HTML) is tested on
its own; then every page is walked with AppTest, in both languages, on a warehouse whose names of
sections, rivers, towns, plants, outfalls, water bodies, targets, tasks, projects and compensation
rules are markdown links, markdown images and HTML links, with such values in the URL too: no
element that Streamlit renders as markdown may carry them unescaped, and no Plotly figure may carry a
raw <a> tag. The Data page is walked through upload, check, import and undo of a file so named."""

from __future__ import annotations

import json
import re
import shutil
import string
from pathlib import Path

import pandas as pd
import pytest
import streamlit
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from bishui import safe_text
from tests.apptest_helpers import APP, PAGES, unescape_md

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = [
    "[CLICKME](https://evil.example/phish)",
    "![x](https://evil.example/t.png)",
    '<a href="https://evil.example">x</a>',
]
NAME = " ".join(HOSTILE)  # every name in the hostile warehouse holds all three
# columns holding names or free text in the import format (every one is made hostile)
NAME_COLS = {
    "name_zh",
    "name_en",
    "payer_zh",
    "payer_en",
    "payee_zh",
    "payee_en",
    "title_zh",
    "title_en",
    "owner_zh",
    "owner_en",
    "responsible_unit",
    "note_zh",
    "reported_by",
    "lead_units",
    "responsible_units",
    "road_zh",
    "note",
}
LIVE = "evil.example"  # appears intact only where a hostile value was not escaped for markdown
SEEN_MD = "evil\\.example"  # ... and like this where it was
RAW_TAG = re.compile(r"<a\b[^<>]*evil|<img\b", re.I)  # a live tag in Plotly text
SEEN_PLOTLY = "&lt;a href"


# ---- the helper -----------------------------------------------------------------------------------
_commonmark_unescape = unescape_md


# GFM literal autolinks, found in the text after escapes are resolved (as the browser's renderer does)
AUTOLINK = re.compile(r"(?i)(https?://|www\.)[-\w.]*evil|[\w.+-]+@[-\w]*evil|(mailto|xmpp):[-\w.+@]*evil", re.ASCII)


@pytest.mark.parametrize(
    "value",
    HOSTILE
    + [
        "www.evil.example",
        "a@evil.example",
        "mailto:a@evil.example",
        "xmpp:evil.example",
        "HTTP://EVIL.example",
        "$x^2$",
        "**b** _i_ `c`",
        "# h",
        "1. x",
        "- x",
        "| a | b |",
        ":red[x]",
        "&lt;a&gt;",
        "a\\b",
        "第一\n# 标题\r\n---",
        "~~s~~",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_md_escapes_every_markdown_character(value):
    out = safe_text.md(value)
    assert "\n" not in out and "\r" not in out  # a value never starts a new block
    bare = re.sub(r"\\[!-/:-@\[-`{-~]", "", out)  # drop each escaped character
    assert not re.search(r"[!-/:-@\[-`{-~]", bare), out  # no bare punctuation left
    shown = _commonmark_unescape(out)
    assert shown.replace("\u200b", "") == value.replace("\r\n", " ").replace("\n", " ")  # shown as written
    assert LIVE not in out and not AUTOLINK.search(shown)


def test_md_leaves_plain_text_and_handles_missing():
    assert safe_text.md("测试河一号桥 Bridge 1") == "测试河一号桥 Bridge 1"
    assert safe_text.md(None) == "" and safe_text.md(float("nan")) == "" and safe_text.md(pd.NA) == ""
    assert safe_text.md(12) == "12"
    assert all(safe_text.md(ch).replace("\u200b", "") == "\\" + ch for ch in string.punctuation)


def test_plotly_escapes_pseudo_html_and_templates():
    assert (
        safe_text.plotly('<a href="https://evil.example">x</a>') == '&lt;a href="https://evil.example"&gt;x&lt;/a&gt;'
    )
    assert safe_text.plotly("A&B <br> 50%{x} $k$") == "A&amp;B &lt;br&gt; 50&#37;{x} &#36;k&#36;"
    assert safe_text.plotly("断面\n二") == "断面 二" and safe_text.plotly(None) == ""
    assert safe_text.plotly("[CLICKME](https://evil.example/phish)") == "[CLICKME](https://evil.example/phish)"


# ---- a warehouse full of hostile names ------------------------------------------------------------
def hostile_source(dst: Path) -> Path:
    """tests/fixtures/district/ with every name column replaced by NAME (numbered: unique)."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "district", dst)
    i = 0
    for f in sorted(dst.glob("*.csv")):
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
        for c in df.columns:
            if c in NAME_COLS:
                df[c] = [f"{NAME} {i + k}" for k in range(len(df))]
                i += len(df)
        df.to_csv(f, index=False)
    for f in sorted(dst.glob("*.geojson")):
        doc = json.loads(f.read_text(encoding="utf-8"))
        for feat in doc["features"]:
            for c in list(feat["properties"]):
                if c in NAME_COLS:
                    feat["properties"][c] = f"{NAME} {i}"
                    i += 1
        f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return dst


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    from bishui.db import warehouse

    tmp = tmp_path_factory.mktemp("hostile")
    path = tmp / "hostile.duckdb"
    warehouse.build(path, hostile_source(tmp / "src"))
    return path


# ---- walking what AppTest saw ---------------------------------------------------------------------
# element types whose text is not markdown (checked separately or not this item's concern)
NOT_MARKDOWN = {"dataframe", "arrow_data_frame", "component_instance", "plotly_chart", "date_input"}
PLAIN_FIELDS = {
    "options",
    "default",
    "rawValue",
    "rawValues",
    "value",
    "values",
    "setValue",
    "id",
    "formId",
    "url",
    "data",
    "placeholder",
}  # option lists of select boxes are plain text


def _strings(obj, skip=frozenset()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k not in skip:
                yield from _strings(v, skip)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v, skip)
    elif isinstance(obj, str):
        yield obj


def _nodes(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def scan(at: AppTest) -> dict:
    """{'live': [markdown strings with a hostile value unescaped], 'tags': [Plotly strings with a raw tag],
    'md_seen': n escaped hostile values in markdown, 'plotly_seen': n escaped in figures}."""
    out = {"live": [], "tags": [], "md_seen": 0, "plotly_seen": 0}
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        if kind == "plotly_chart":
            for s in _strings(json.loads(proto.spec)):
                if RAW_TAG.search(s):
                    out["tags"].append(s)
                out["plotly_seen"] += SEEN_PLOTLY in s
            continue
        if kind in NOT_MARKDOWN:
            continue
        skip = PLAIN_FIELDS if kind in ("selectbox", "multiselect", "text_input") else frozenset({"id", "formId"})
        for s in _strings(MessageToDict(proto), skip):
            if LIVE in s or AUTOLINK.search(_commonmark_unescape(s)):
                out["live"].append(f"{kind}: {s[:200]}")
            out["md_seen"] += SEEN_MD in s
    return out


def _assert_clean(at: AppTest, where: str) -> dict:
    assert not at.exception, (where, [e.value for e in at.exception])
    found = scan(at)
    assert not found["live"], (where, found["live"])
    assert not found["tags"], (where, found["tags"][:5])
    return found


# every page URL parameter the pages read, all set to hostile values
URL_PARAMS = (
    "month",
    "rules",
    "status",
    "of_town",
    "of_river",
    "of_category",
    "of_status",
    "of_unit",
    "of_exc",
    "of_color",
    "pp_town",
    "pp_kind",
    "pp_retro",
    "pp_color",
    "pp_range",
    "plants",
    "failing",
    "sections",
    "params",
    "range",
    "auto",
    "year",
    "date",
    "target",
    "units",
    "kind",
    "body",
)


def _run(query: dict[str, str], page: str) -> tuple[AppTest, AppTest]:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    first = scan(at), at
    _assert_clean(at, f"first run before {page}")
    for k, v in query.items():  # the first run wrote the app's own URL: put the page's parameters back,
        at.query_params[k] = v  # as a deep link to the page would carry them
    at.switch_page(page).run()
    return first, at


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_hostile_names_and_url_values_as_text(page, lang, hostile_db, use_db):
    use_db(hostile_db)
    # a township that exists (its hostile name goes into titles) and hostile values for every other parameter
    query = {"lang": lang, "town": "t1", **{p: HOSTILE[i % 3] for i, p in enumerate(URL_PARAMS)}}
    (first, _), at = _run(query, page)
    found = _assert_clean(at, page)
    assert first["md_seen"] > 0  # the month notice quoted the URL, escaped
    # every other page shows some names in markdown or charts (the weekly view only in its table)
    if page not in ("pages/data.py", "pages/weekly.py"):
        assert found["md_seen"] + found["plotly_seen"] > 0, found


def test_unknown_town_and_language_notices_are_text(hostile_db, use_db):
    use_db(hostile_db)
    for value in HOSTILE:
        (first, at), _ = _run({"town": value, "lang": value, "month": value}, "pages/overview.py")
        assert first["md_seen"] >= 3, [w.value for w in at.warning]  # three notices, each quoting the URL


def test_whole_town_view_and_every_page_after_switching(hostile_db, use_db):
    """Town 'all' (names from several towns) and a page switch in one session, as a user clicks through."""
    use_db(hostile_db)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        _assert_clean(at, page)


# ---- the Data page: a hostile file name through check, import and undo -----------------------------
class FakeUpload:
    def __init__(self, name: str, data: bytes):
        self.name, self.size, self.file_id, self.type = name, len(data), "f-" + name, "text/csv"
        self._data = data

    def getvalue(self) -> bytes:
        return self._data


# a file name cannot hold "/", but a link needs none: https:evil.example is https://evil.example/
FILE_NAME = "[CLICKME](https:evil.example) ![x](https:evil.example) <a href=https:evil.example>x.csv"
GOOD = "断面名称,采样日期,监测项目,监测值,单位\n" + "".join(
    f"测试河一号桥,2026-01-10,{p},{v},mg/L\n" for p, v in [("溶解氧", "8.8"), ("氨氮", "0.61"), ("总磷", "0.12")]
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_page_file_names_and_messages_are_text(lang, fixture_db, tmp_path, use_db, monkeypatch):
    from bishui.app import data_page as dp

    use_db(shutil.copyfile(fixture_db, tmp_path / "w.duckdb"))
    box: dict = {}
    monkeypatch.setattr(
        streamlit, "file_uploader", lambda label, *a, key=None, **k: box.get("file") if key == "data_upload_0" else None
    )
    box["file"] = FakeUpload(FILE_NAME, GOOD.encode())
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/data.py").run()
    assert _assert_clean(at, "check")["md_seen"] >= 1  # "Check: <name>"
    at.button(key="data_confirm").click().run()
    assert _assert_clean(at, "imported")["md_seen"] >= 2  # the success message and the undo line
    at.button(key="data_undo_1").click().run()
    assert _assert_clean(at, "undo asked")["md_seen"] >= 3  # ... and "Undo batch 1 (<name>)?"

    # a damaged workbook: the error and the file name
    box["file"] = FakeUpload(FILE_NAME[:-4] + ".xlsx", b"PK\x03\x04 not a workbook " + HOSTILE[2].encode())
    at.session_state[dp.UPLOAD_N_KEY] = 0
    at.run()
    assert at.error and SEEN_MD in at.subheader[0].value
    _assert_clean(at, "damaged")
    # ... and when the reader's message quotes the workbook (a sheet's name), that is text too
    from bishui.ingest import read

    def damaged(data, name, *limits):
        raise read.IngestError("xlsx_damaged", detail=f"sheet '{HOSTILE[0]}': {HOSTILE[1]}")

    from bishui import ingest
    from bishui.ingest import api

    # the page reads uploads in a child process; here in this one, so the stand-in reader applies
    monkeypatch.setattr(
        ingest, "prepare_isolated", lambda source, *, should_stop=None, poll_s=None, **k: api.prepare(source, **k)
    )
    monkeypatch.setattr(read, "check_workbook", lambda *a, **k: None)  # past the size checks, to the reader
    monkeypatch.setattr(read, "_read_workbook", damaged)
    box["file"] = FakeUpload("sheet.xlsx", b"PK\x03\x04 another")
    at.run()
    assert any(SEEN_MD in e.value for e in at.error), [e.value for e in at.error]
    _assert_clean(at, "damaged sheet")
