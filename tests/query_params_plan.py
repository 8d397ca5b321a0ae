"""Test values for the $parameters of the plan queries (targets, tasks, plants, black-odorous water
bodies, compensation); see tests/test_queries.py."""

import datetime as dt

PARAMS = {
    "as_of": dt.date(2023, 4, 30),
    "window_days": 30,
    "warn_pct": 85.0,
    "since": dt.date(2023, 3, 25),
    "units": [],
}
