"""The app's "now", for every rule that depends on it (is a month over? is a station silent?).

BISHUI_TODAY overrides the real clock for tests and demonstrations: `YYYY-MM-DD` (midnight at the
start of that day) or `YYYY-MM-DDTHH:MM[:SS]`. Malformed values are ignored (the real clock applies),
so a typo can never move the app into another month silently without a trace: see `override_error`.

A warehouse may record the moment its data were cut (warehouse_meta `as_of`: only the sample has
one). The caller passes it as `fallback`: it stands for now when BISHUI_TODAY is unset
(bishui.db.store.app_now; docs/evaluation.md, "Now"). This module stays pure: it reads no warehouse."""

from __future__ import annotations

import datetime as dt
import os

ENV = "BISHUI_TODAY"


def parse(raw: str) -> dt.datetime | None:
    """A moment in one of the accepted formats, None otherwise."""
    return _parse(raw) if raw else None


def _parse(raw: str) -> dt.datetime | None:
    raw = raw.strip()
    for fmt in ("%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
    return None


def override_error() -> str | None:
    """The raw BISHUI_TODAY value when it is set but not a date (for a warning), else None."""
    raw = os.environ.get(ENV)
    if raw and raw.strip() and _parse(raw) is None:
        return raw[:40]
    return None


def now(fallback: dt.datetime | None = None) -> dt.datetime:
    """The moment the app treats as now (naive local time): BISHUI_TODAY when set, else `fallback`
    when given (a warehouse's recorded as-of moment), else the real clock."""
    raw = os.environ.get(ENV)
    parsed = _parse(raw) if raw else None
    return parsed or fallback or dt.datetime.now().replace(microsecond=0)


def today(fallback: dt.datetime | None = None) -> dt.date:
    return now(fallback).date()
