"""Test values for the $parameters of the weekly view and alerts (issue 12 items 5-7; see
tests/test_queries.py)."""

import datetime as dt

PARAMS = {
    "week_start": dt.date(2023, 4, 24),
    "now_at": dt.datetime(2023, 4, 28, 7),
    "silent_hours": 48.0,
}
