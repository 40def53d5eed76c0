"""The diagram views: one module each, registered with `@view` (see ../registry.py)."""
