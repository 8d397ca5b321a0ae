"""Bounds on what a URL or a widget can ask a page for (issue 17 item 5): date ranges clamped to the
days the warehouse has data for, and the automatic series capped at a number of points. Pure
functions; the pages say on screen when a bound applied (i18n keys bounds.*)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

# automatic-station points drawn on the section page at most (4-hourly: ~2,200 per section, parameter
# and year); beyond it the latest months that fit are shown and the page says from when
MAX_AUTO_POINTS = 50_000


def _day(value) -> dt.date | None:
    if value is None:
        return None
    try:
        if value != value:  # NaT / NaN
            return None
    except (TypeError, ValueError):
        pass
    return value.date() if isinstance(value, dt.datetime) or hasattr(value, "to_pydatetime") else value


def clamp_range(
    start: dt.date, end: dt.date, first: dt.date | None, last: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """(start, end) narrowed to the data's span [first, last]; None when nothing changes (no data, the
    range already inside it, or a range that does not meet the data at all: that one costs nothing)."""
    first, last = _day(first), _day(last)
    if first is None or last is None:
        return None
    lo, hi = max(start, first), min(end, last)
    if lo > hi or (lo, hi) == (start, end):
        return None
    return lo, hi


def auto_window(
    counts: Sequence[tuple[dt.date, int]], start: dt.date, cap: int | None = None
) -> tuple[dt.date, int, int]:
    """From (month, readings) of a range, oldest first: the first day to draw the automatic series
    from so that at most `cap` points are drawn (whole months, the latest ones; at least the last
    month), the points drawn and the points in the whole range."""
    cap = MAX_AUTO_POINTS if cap is None else cap
    total = sum(int(n) for _, n in counts)
    if total <= cap:
        return start, total, total
    kept, begin = 0, start
    for month, n in reversed(list(counts)):
        first = _day(month)
        if first is None:
            continue
        if kept + int(n) > cap:
            if not kept:  # the latest month alone holds more: its last days that fit (points spread evenly)
                days = ((first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - first).days
                take = max(1, cap * days // int(n))
                begin, kept = first + dt.timedelta(days=days - take), int(n) * take // days
            break
        kept += int(n)
        begin = first
    return max(start, begin), kept, total


# section x parameter series drawn as trend charts at most (each costs ~20-30 ms of server time: its
# traces, its trend test and Sen line); the tables below the charts keep every chosen section
MAX_CHART_PAIRS = 60


def chart_pairs(
    sections: Sequence[str], parameters: Sequence[str], cap: int | None = None
) -> tuple[list[str], list[str]]:
    """The sections and parameters whose trend charts are drawn: every parameter (at most `cap`) and
    as many of the sections, in the order chosen, as keep sections x parameters within `cap`."""
    cap = MAX_CHART_PAIRS if cap is None else cap
    params = list(parameters)[:cap]
    return list(sections)[: max(1, cap // max(1, len(params)))], params
