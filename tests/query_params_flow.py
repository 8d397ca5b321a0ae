"""Test values for the $parameters of the eco-flow and flood-season queries (issue 18 items 3 and 5;
see tests/test_queries.py)."""

PARAMS = {}
