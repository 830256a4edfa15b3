"""Benchmarks: scripts that print their figures (run them with `python bench/<name>.py`)."""
