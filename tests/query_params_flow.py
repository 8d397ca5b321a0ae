"""Test values for the $parameters of the eco-flow and flood-season queries (issue 18 items 3 and 5;
see tests/test_queries.py). They use parameters other areas already give values to ($now, $start,
$end, $town_id, $section_ids, $as_of, $year)."""

PARAMS: dict = {}
