"""Test values for the $parameters of the completeness-aware queries (see tests/test_queries.py)."""

import datetime as dt

PARAMS = {
    "now": dt.datetime(2026, 12, 3, 9, 30),  # the app's now (bishui.clock): every fixture month is over
}
PARAMS["bill_no_flow"] = False
