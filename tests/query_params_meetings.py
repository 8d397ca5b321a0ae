"""Test values for the $parameters of the meeting record (issue 14 item 3; see tests/test_queries.py)."""

import datetime as dt

PARAMS = {
    "before": dt.date(2023, 4, 30),
    "meeting_id": None,
}
