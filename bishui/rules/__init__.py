"""Domain rules, pure: the GB 3838 standard and classes, targets, black-odorous grading, the
eco-compensation schemes, completeness and freshness of a month, trend statistics, source tracing
rules, and the bounds any view request is held to. No streamlit, no DuckDB, no warehouse access."""
