"""Test values for the $parameters of the map queries (outfalls, pipes; see tests/test_queries.py)."""

PARAMS = {
    "outfall_id": "o2",
    "river_ids": ["r1"],
    "categories": ["other", "agricultural"],
    "sub_types": None,
    "outfall_statuses": None,
    "approval_states": ["none", "pending", "registered"],
    "exceeded_months": 3,
    "pipe_kinds": ["combined", "sewage"],
    "retrofit_statuses": None,
}
