"""Test values for the $parameters of the trend queries (queries/trend_*.sql; see tests/test_queries.py)."""

PARAMS = {
    "cwqi_period": "quarter",
}
