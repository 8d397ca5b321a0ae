"""Test values for the $parameters of the medical-wastewater and enforcement queries (plan tasks 14
and 6); see tests/test_queries.py."""

PARAMS = {
    "stale_months": 3,
    "kinds": ["industry", "farm"],
}
