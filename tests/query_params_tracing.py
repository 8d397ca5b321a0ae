"""Test values for the $parameters of the source-tracing queries (queries/trace_*.sql; see
tests/test_queries.py)."""

PARAMS = {
    "object_ids": ["o1", "o2", "p1"],
    "outfall_ids": ["o1", "o2"],
}
PARAMS.update(
    {
        "candidate_kind": "outfall",
        "candidate_id": "o1",
    }
)
