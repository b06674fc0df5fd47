"""Benchmarks: `make bench` runs `python -m bench.run` and writes docs/benchmarks.md."""
