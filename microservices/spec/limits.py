"""Caps on untrusted documents, checked before anything is built from them.

YAML aliases let a few kilobytes stand for billions of nodes (the "billion laughs"
bomb), so the node count is taken from the parser's event stream with each alias
counted at the size of what it repeats; the scan stops as soon as a cap is passed.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .errors import SpecValidationError

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class DocumentLimits:
    max_bytes: int = 16 * 1024 * 1024
    max_nodes: int = 2_000_000
    max_depth: int = 40

    def describe(self) -> str:
        return (
            f"at most {self.max_bytes // (1024 * 1024)} MiB, {self.max_nodes:,} values "
            f"(aliases counted expanded) and {self.max_depth} levels of nesting"
        )


DEFAULT_LIMITS = DocumentLimits()


def check_size(text: str | bytes, limits: DocumentLimits) -> None:
    size = len(text.encode() if isinstance(text, str) else text)
    if size > limits.max_bytes:
        raise SpecValidationError.single(
            f"the document is {size:,} bytes; the limit is {limits.max_bytes:,} bytes"
        )


@dataclass
class _OpenCollection:
    anchor: str | None
    started_at: int  # node count when it opened
    keys: set[str] | None  # a mapping's keys so far; None for a sequence
    expecting_key: bool = True


def _take_slot(parent: _OpenCollection | None, event: yaml.NodeEvent) -> None:
    """Count a node against its parent mapping's key/value turns; refuse a repeated key.

    PyYAML keeps the last of two equal keys without a word, which would silently
    drop what the user wrote first.
    """
    if parent is None or parent.keys is None:
        return
    if parent.expecting_key and isinstance(event, yaml.ScalarEvent):
        if event.value in parent.keys:
            raise SpecValidationError.single(
                f"duplicate key {event.value!r}", line=event.start_mark.line + 1
            )
        parent.keys.add(event.value)
    parent.expecting_key = not parent.expecting_key


def check_yaml_shape(text: str, limits: DocumentLimits) -> None:
    """Count nodes and nesting from parser events; raise as soon as a cap is passed."""
    nodes = 0
    open_collections: list[_OpenCollection] = []
    anchored_sizes: dict[str, int] = {}
    for event in yaml.parse(text, Loader=_Loader):
        if not isinstance(event, yaml.NodeEvent | yaml.CollectionEndEvent):
            continue
        if isinstance(event, yaml.NodeEvent):
            _take_slot(open_collections[-1] if open_collections else None, event)
        if isinstance(event, yaml.AliasEvent):
            nodes += anchored_sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if event.anchor:
                anchored_sizes[event.anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            nodes += 1
            keys = set() if isinstance(event, yaml.MappingStartEvent) else None
            open_collections.append(_OpenCollection(event.anchor, nodes, keys))
            if len(open_collections) > limits.max_depth:
                raise SpecValidationError.single(
                    f"nesting deeper than {limits.max_depth} levels",
                    line=event.start_mark.line + 1,
                )
        else:
            closed = open_collections.pop()
            if closed.anchor:
                anchored_sizes[closed.anchor] = nodes - closed.started_at + 1
        if nodes > limits.max_nodes:
            raise SpecValidationError.single(
                f"the document holds more than {limits.max_nodes:,} values "
                "(aliases counted expanded)",
                line=event.start_mark.line + 1,
            )


def check_data_shape(data: object, limits: DocumentLimits) -> None:
    """The same caps for already-parsed data (JSON, or objects built in Python)."""
    nodes = 0
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > limits.max_nodes:
            raise SpecValidationError.single(
                f"the document holds more than {limits.max_nodes:,} values"
            )
        if depth > limits.max_depth:
            raise SpecValidationError.single(f"nesting deeper than {limits.max_depth} levels")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
