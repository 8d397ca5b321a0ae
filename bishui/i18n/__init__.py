"""The message catalogue: every user-visible string, in Chinese (default) and English.

Each area of the app keeps its strings in its own module (common, overview, sections, ...) as
{key: (zh, en)}; they are merged here. `t(key, lang, **fmt)` looks one up; a missing key raises
in tests (KeyError) so a screen can never silently mix languages."""

from __future__ import annotations

import importlib
import pkgutil

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def _load() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{mod.name}")
        strings = getattr(module, "STRINGS", {})
        clash = merged.keys() & strings.keys()
        if clash:
            raise RuntimeError(f"i18n keys defined twice: {sorted(clash)}")
        merged.update(strings)
    return merged


CATALOGUE: dict[str, tuple[str, str]] = _load()


def t(key: str, lang: str = DEFAULT_LANG, **fmt) -> str:
    """The string for key in lang, formatted with fmt."""
    zh, en = CATALOGUE[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text


def has(key: str) -> bool:
    return key in CATALOGUE


def column_label(column: str, lang: str) -> str:
    """Header shown (and downloaded) for a data column: 'col.<name>' in the catalogue, else the name."""
    key = f"col.{column}"
    return t(key, lang) if key in CATALOGUE else column


def code_label(kind: str, code, lang: str) -> str:
    """Label of a code value (e.g. kind 'status', code 'closed'): '<kind>.<code>' in the catalogue."""
    key = f"{kind}.{code}"
    return t(key, lang) if key in CATALOGUE else ("" if code is None else str(code))
