"""Background jobs: one row per run, so progress and outcome survive the worker."""
