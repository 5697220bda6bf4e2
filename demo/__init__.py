"""Demo data for `make run` and the benchmark: two practices, their staff and patients, with `seed_demo`."""
