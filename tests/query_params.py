"""Test values for the $parameters of the core queries (see tests/test_queries.py)."""

import datetime as dt

PARAMS = {
    "period_kind": "month",
    "month": dt.date(2023, 2, 1),
    "year": 2023,
    "start": dt.date(2023, 1, 1),
    "end": dt.date(2023, 12, 31),
    "section_id": "s_f1",
    "section_ids": ["s_f1", "s_t2"],
    "parameters": ["nh3n", "tp"],
    "parameter": "nh3n",
    "town_id": None,
    "assessment_only": False,
    # the part of the readings an import re-aggregates into readings_monthly
    "scope_sections": ["s_f1"],
    "scope_from": dt.date(2023, 1, 1),
    "scope_to": dt.date(2023, 3, 31),
}
