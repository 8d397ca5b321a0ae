"""Display labels shared by pages and builders: short class labels for grid cells and main
pollutants / exceedances as shown in tables (short symbols) and in tooltips (full names).

Pure functions of a value and a language; no Streamlit, no queries. The coded lists come from
section_period_class.sql (`main_pollutants`, `exceed_target`: 'code:multiple;...', multiples already
rounded to one decimal in SQL)."""

from __future__ import annotations

import functools
import math
from decimal import ROUND_HALF_EVEN, Decimal

import pandas as pd

from bishui import i18n
from bishui.rules import standards

MULTIPLE_DECIMALS = 1  # exceedance multiples are shown with one decimal everywhere


def class_short(value, lang: str) -> str:
    """Ⅰ…Ⅴ, 劣Ⅴ (zh) / >Ⅴ (en) for a grid cell; '' for a missing class."""
    try:
        k = int(value)
    except (TypeError, ValueError):
        return ""
    return i18n.t(f"class_short.{k}", lang) if i18n.has(f"class_short.{k}") else ""


def multiple_text(value) -> str:
    """An exceedance multiple with one decimal; '' when it is missing or rounds to zero (a parameter
    just over its limit has a multiple of 0.0 at this precision: saying '0.0' reads as 'not over')."""
    if value is None:
        return ""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return ""
    if math.isnan(v):
        return ""
    # half to even on the shortest decimal form, as the evaluation SQL rounds (round_even)
    d = Decimal(repr(v)).quantize(Decimal(1).scaleb(-MULTIPLE_DECIMALS), rounding=ROUND_HALF_EVEN)
    return "" if d == 0 else f"{d:f}"


def parse_coded(coded) -> list[tuple[str, float | None]]:
    """'nh3n:1.3;tp:0.2' -> [('nh3n', 1.3), ('tp', 0.2)]; '' / None / NaN -> []."""
    if coded is None or (not isinstance(coded, str) and pd.isna(coded)):
        return []
    out: list[tuple[str, float | None]] = []
    for part in str(coded).split(";"):
        part = part.strip()
        if not part:
            continue
        code, _, m = part.partition(":")
        try:
            out.append((code.strip(), float(m)))
        except ValueError:
            out.append((code.strip(), None))
    return out


@functools.cache
def _parameter_names() -> dict[str, dict[str, str]]:
    return {code: {"zh": p.name_zh, "en": p.name_en} for code, p in standards.parameters().items()}


def parameter_short(code: str, lang: str) -> str:
    """NH₃-N / 氨氮: the short label of a parameter (its full name when none is catalogued)."""
    key = f"param_short.{code}"
    if i18n.has(key):
        return i18n.t(key, lang)
    return parameter_full(code, lang)


def parameter_full(code: str, lang: str) -> str:
    names = _parameter_names().get(code)
    return names[lang] if names else code


def pollutants_short(coded, lang: str) -> str:
    """'NH₃-N 1.3, TP 0.2' / '氨氮 1.3、总磷 0.2' for a table cell (a zero multiple is left out)."""
    sep = i18n.t("labels.list_sep", lang)
    return sep.join(f"{parameter_short(c, lang)} {multiple_text(m)}".strip() for c, m in parse_coded(coded))


def pollutants_full(coded, lang: str, against: str = "iii") -> str:
    """'Ammonia nitrogen (NH3-N): 1.3 × over the class Ⅲ limit; …' for tooltips: full names with
    multiples (against='target' for exceed_target lists)."""
    key = "labels.pollutant_full" if against == "iii" else "labels.exceed_full"
    parts = []
    for c, m in parse_coded(coded):
        mt = multiple_text(m)
        parts.append(i18n.t(key, lang, name=parameter_full(c, lang), m=mt) if mt else parameter_full(c, lang))
    return i18n.t("labels.legend_sep", lang).join(parts)


def pollutants_legend(coded_values, lang: str) -> str:
    """'NH₃-N = Ammonia nitrogen (NH3-N); TP = …' for the parameters that appear in coded_values
    (the help text of a column of short labels)."""
    seen: dict[str, None] = {}
    for coded in coded_values:
        for c, _ in parse_coded(coded):
            seen.setdefault(c, None)
    pairs = [(parameter_short(c, lang), parameter_full(c, lang)) for c in seen]
    return i18n.t("labels.legend_sep", lang).join(f"{s} = {f}" for s, f in pairs if s != f)
