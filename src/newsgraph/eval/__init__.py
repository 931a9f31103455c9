"""Benchmarks behind `newsgraph eval ...`: each prints our figure beside an anchor measured in the same run."""
