"""Vectorised parsers from text cells to typed values. Each returns the parsed Series with NA where
the text is empty or cannot be read; the validation step (pandera) then reports the cells whose
text was not empty but whose parsed value is NA.

Text columns repeat a lot (sections, dates, parameters, units), so the slow-but-general parsing is
done on the distinct values only (pd.factorize) and mapped back; numbers go through to_numeric."""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable

import numpy as np
import pandas as pd

from bishui.ingest import vocab

EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def by_unique(s: pd.Series, fn: Callable[[pd.Series], pd.Series], dtype=None) -> pd.Series:
    """fn applied to the distinct values of s, mapped back onto s (fn gets and returns a Series)."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    u = pd.Series(uniques)
    mapped = fn(u)
    values = mapped.to_numpy() if dtype is None else mapped.astype(dtype).to_numpy()
    out = values.take(np.where(codes < 0, 0, codes)) if len(values) else np.full(len(s), None)
    result = pd.Series(out, index=s.index, dtype=mapped.dtype if dtype is None else dtype)
    if (codes < 0).any():
        result[codes < 0] = None
    return result


def nfkc(s: pd.Series) -> pd.Series:
    return by_unique(s, lambda u: u.astype("str").str.normalize("NFKC").str.strip(), dtype="str")


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def number(s: pd.Series, pct: bool = False) -> pd.Series:
    """Text -> float64 (NaN when empty or not a number). Full-width digits, thousands separators
    (1,200.5) and, for percentages, a trailing % are accepted."""
    out = pd.to_numeric(s, errors="coerce").astype("float64")
    bad = out.isna() & (s != "")
    if bad.any():
        t = nfkc(s[bad])
        t = t.where(~t.str.match(_THOUSANDS.pattern), t.str.replace(",", "", regex=False))
        if pct:
            t = t.str.removesuffix("%").str.strip()
        out.loc[bad] = pd.to_numeric(t, errors="coerce").astype("float64")
    out[~np.isfinite(out.to_numpy(dtype="float64", na_value=np.nan))] = np.nan
    return out


def integer(s: pd.Series) -> pd.Series:
    """Text -> Int64 ('12', '12.0', '12号', '#12' accepted); NA when not a whole number."""
    t = s.where(s == "", s.str.replace(r"^#|号点?$|#$", "", regex=True))
    x = number(t)
    ok = x.notna() & (x == np.floor(x)) & (x.abs() < 2**31)
    return x.where(ok).astype("Int64")


def boolean(s: pd.Series) -> pd.Series:
    def fn(u: pd.Series) -> pd.Series:
        k = u.map(lambda v: vocab.key(v) if isinstance(v, str) else "")
        return pd.Series(
            np.where(k.isin(vocab.TRUE_WORDS), True, np.where(k.isin(vocab.FALSE_WORDS), False, None)),  # type: ignore[call-overload]  # numpy stubs reject None as a choice (an object array here)
            dtype="boolean",
        )

    return by_unique(s, fn, dtype="boolean")


def water_class(s: pd.Series) -> pd.Series:
    return by_unique(
        s, lambda u: u.map(lambda v: vocab.class_number(v) if isinstance(v, str) and v else None), dtype="Int64"
    )


def coded(s: pd.Series, allowed: tuple[str, ...], aliases: dict[str, str]) -> pd.Series:
    """Text -> one of the allowed codes (code itself, case-insensitive, or a Chinese word for it);
    text that matches nothing is kept as written so the report can show it."""
    index = {vocab.key(a): a for a in allowed}
    index.update({vocab.key(k): v for k, v in aliases.items() if v in allowed})

    def fn(u: pd.Series) -> pd.Series:
        return u.map(lambda v: index.get(vocab.key(v), vocab.norm_text(v)) if isinstance(v, str) and v else None)

    return by_unique(s, fn, dtype="str")


# --------------------------------------------------------------------------------------------- dates

_DATE_RE = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?|月)?)"
    r"(?:(?:\s+|T|\s*日?\s*)(?P<H>\d{1,2})\s*[:时]\s*(?P<M>\d{1,2})\s*(?:[:分]\s*(?P<S>\d{1,2}(?:\.\d+)?)\s*秒?|分)?)?$"
)
_COMPACT_RE = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})$")
_SERIAL_RE = re.compile(r"^\d{5}(?:\.\d+)?$")
_TIME_RE = re.compile(r"^(?P<H>\d{1,2})\s*[:时]\s*(?P<M>\d{1,2})\s*(?:[:分]\s*(?P<S>\d{1,2}(?:\.\d+)?)\s*秒?|分)?$")


def _parse_date_text(v: str) -> tuple[pd.Timestamp | None, bool, bool]:
    """(timestamp, has_time, is_month) for one distinct date text."""
    t = vocab.norm_text(v)
    if not t:
        return None, False, False
    if _SERIAL_RE.match(t):
        n = float(t)
        if 20000 <= n <= 80000:  # Excel serial day numbers 1954..2119
            ts = EXCEL_EPOCH + pd.to_timedelta(round(n * 86400), unit="s")
            return ts, not float(n).is_integer(), False
        return None, False, False
    m = _COMPACT_RE.match(t)
    if m:
        try:
            return pd.Timestamp(int(m["y"]), int(m["m"]), int(m["d"])), False, False
        except ValueError:
            return None, False, False
    m = _DATE_RE.match(t)
    if not m or m["m"] is None:
        return None, False, False
    try:
        y, mo = int(m["y"]), int(m["m"])
        d = int(m["d"]) if m["d"] else 1
        if m["H"] is not None:
            sec = float(m["S"]) if m["S"] else 0.0
            ts = pd.Timestamp(y, mo, d, int(m["H"]), int(m["M"])) + pd.to_timedelta(sec, unit="s")
            return ts, True, False
        return pd.Timestamp(y, mo, d), False, m["d"] is None
    except ValueError:
        return None, False, False


def dates(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Text -> (datetime64 Series, has_time, is_month). ISO dates and datetimes, 2023/5/3,
    2023年5月3日, 2023年5月 (is_month: the 1st of that month), 20230503, Excel serial numbers."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    u = pd.Series(uniques, dtype="str")
    iso = pd.to_datetime(
        u.where(u.str.match(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")),
        format="ISO8601",
        errors="coerce",
    )
    has_time = u.str.contains(r"\d[ T]\d{1,2}:\d", regex=True).fillna(False).to_numpy(dtype=bool).copy()
    is_month = np.zeros(len(u), dtype=bool)
    todo = np.flatnonzero(iso.isna().to_numpy())
    values = iso.to_numpy(dtype="datetime64[us]").copy()
    for i in todo:
        ts, ht, im = _parse_date_text(u.iat[i])
        values[i] = np.datetime64("NaT") if ts is None else np.datetime64(ts.to_datetime64(), "us")
        has_time[i], is_month[i] = ht, im
    idx = np.where(codes < 0, 0, codes)
    if len(u) == 0:
        n = len(s)
        return (
            pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[us]"), index=s.index),
            pd.Series(np.zeros(n, bool), index=s.index),
            pd.Series(np.zeros(n, bool), index=s.index),
        )
    out = values.take(idx)
    out[codes < 0] = np.datetime64("NaT")
    return (
        pd.Series(out, index=s.index, dtype="datetime64[us]"),
        pd.Series(has_time.take(idx) & (codes >= 0), index=s.index),
        pd.Series(is_month.take(idx) & (codes >= 0), index=s.index),
    )


def times(s: pd.Series) -> pd.Series:
    """'08:00', '8时30分', '08:00:00' -> timedelta since midnight; full datetimes are left NA."""

    def fn(u: pd.Series) -> pd.Series:
        out = []
        for v in u:
            m = _TIME_RE.match(vocab.norm_text(v)) if isinstance(v, str) else None
            if m and int(m["H"]) < 24 and int(m["M"]) < 60:
                out.append(pd.Timedelta(hours=int(m["H"]), minutes=int(m["M"]), seconds=float(m["S"]) if m["S"] else 0))
            else:
                out.append(pd.NaT)
        return pd.Series(out, dtype="timedelta64[us]")

    return by_unique(s, fn, dtype="timedelta64[us]")


def today() -> dt.date:
    return dt.date.today()
