"""The message catalogue is complete: every key used in code exists, both languages are filled,
English strings carry no Chinese (no mixed-language screens), placeholders match."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bishui import i18n

ROOT = Path(__file__).resolve().parents[1]
USE = re.compile(r"""\b(?:tr|t)\(\s*["']([a-z][a-z0-9_]*\.[a-z0-9_.]+)["']""")
CJK = re.compile(r"[\u4e00-\u9fff]")
ALLOWED_CJK_IN_EN = {"sidebar.lang"}  # the language switch names both languages on purpose


def _sources():
    yield from (ROOT / "pages").glob("*.py")
    yield from (ROOT / "bishui").rglob("*.py")
    yield ROOT / "app.py"


def test_every_key_used_in_code_exists():
    missing = {}
    for path in _sources():
        for key in USE.findall(path.read_text(encoding="utf-8")):
            if not i18n.has(key):
                missing.setdefault(str(path.relative_to(ROOT)), []).append(key)
    assert not missing, missing


@pytest.mark.parametrize("key", sorted(i18n.CATALOGUE))
def test_entry_is_complete(key):
    zh, en = i18n.CATALOGUE[key]
    assert zh.strip() and en.strip()
    if key not in ALLOWED_CJK_IN_EN:
        assert not CJK.search(en), f"{key}: Chinese in the English text: {en!r}"
    fields = lambda s: sorted(f for _, f, _, _ in string.Formatter().parse(s) if f)  # noqa: E731
    assert fields(zh) == fields(en), key


def test_lookup_and_fallbacks():
    assert i18n.t("nav.overview", "zh") == "总览"
    assert i18n.t("nav.overview", "en") == "Overview"
    assert i18n.column_label("section", "en") == "Section"
    assert i18n.column_label("unknown_col", "en") == "unknown_col"
    assert i18n.code_label("water_body_type", "reservoir", "zh") == "水库"
