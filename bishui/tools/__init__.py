"""Command-line tools: `python -m bishui` (cli), the sample data generators, and evaluating a file
without importing it."""
