"""Every write to architectures goes through these functions (forms, API, imports)."""

from .architectures import create_architecture, delete_architecture, touch, update_architecture
from .objects import (
    ServiceInUse,
    delete_object,
    delete_service,
    move,
    reorder,
    save_object,
    save_with_children,
)
from .references import prune_placeholders, references_to
from .specs import SyncCounts, apply_spec, import_spec

__all__ = [
    "ServiceInUse",
    "SyncCounts",
    "apply_spec",
    "create_architecture",
    "delete_architecture",
    "delete_object",
    "delete_service",
    "import_spec",
    "move",
    "prune_placeholders",
    "references_to",
    "reorder",
    "save_object",
    "save_with_children",
    "touch",
    "update_architecture",
]
