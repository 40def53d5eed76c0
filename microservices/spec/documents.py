"""Reading and writing spec documents (YAML or JSON) safely.

Reading: size cap, safe YAML only (no object construction), node and depth caps,
then the spec model, then `normalize`. Every error names the field and, for a
document, its line; the line lookup parses the text again only when there is an
error to place.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from ..gc_pause import paused_gc
from .errors import Loc, SpecValidationError, from_pydantic
from .limits import DEFAULT_LIMITS, DocumentLimits, check_data_shape, check_size, check_yaml_shape
from .model import API_VERSION, KIND, Architecture
from .normalize import normalize

Format = Literal["yaml", "json"]
FORMATS: tuple[Format, ...] = ("yaml", "json")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def guess_format(text: str) -> Format:
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


def _decode(content: str | bytes) -> str:
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecValidationError.single(
            f"the document is not UTF-8 text (byte {exc.start} cannot be read)"
        ) from None


def load_document(
    content: str | bytes, fmt: Format | None = None, limits: DocumentLimits = DEFAULT_LIMITS
) -> Any:
    """Parse a YAML or JSON document into plain data, within `limits`."""
    with paused_gc():
        return _load_document(content, fmt, limits)


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise SpecValidationError.single(f"duplicate key {duplicate!r}")
    return data


def _load_document(content: str | bytes, fmt: Format | None, limits: DocumentLimits) -> Any:
    check_size(content, limits)
    text = _decode(content)
    fmt = fmt or guess_format(text)
    if fmt == "json":
        try:
            data = json.loads(text, object_pairs_hook=_reject_duplicate_keys)
        except json.JSONDecodeError as exc:
            raise SpecValidationError.single(f"invalid JSON: {exc.msg}", line=exc.lineno) from None
        except RecursionError:
            raise SpecValidationError.single(
                f"nesting deeper than {limits.max_depth} levels"
            ) from None
        check_data_shape(data, limits)
        return data
    try:
        check_yaml_shape(text, limits)
        documents = list(yaml.load_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise SpecValidationError.single(f"invalid YAML: {exc.problem}", line=line) from None
    except yaml.YAMLError as exc:
        raise SpecValidationError.single(f"invalid YAML: {exc}") from None
    if len(documents) != 1:
        raise SpecValidationError.single(f"expected one YAML document, found {len(documents)}")
    return documents[0]


def line_finder(text: str):
    """A function from a field path to the line (1-based) where that field is written."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        root = None

    def line_of(loc: Loc) -> int | None:
        node = root
        if node is None:
            return None
        for part in loc:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == part), None)
                if child is None:  # e.g. an unknown key: point at the key itself
                    key = next((k for k, _ in node.value if k.value == part), None)
                    return (key or node).start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                child = node.value[part] if part < len(node.value) else None
            if child is None:
                break
            node = child
        return node.start_mark.line + 1

    return line_of


def architecture_from_data(data: Any) -> Architecture:
    """Validate plain data (a parsed document) into a canonical Architecture."""
    if not isinstance(data, dict):
        raise SpecValidationError.single(
            f"the document must be a mapping with apiVersion {API_VERSION!r} and kind {KIND!r}"
        )
    with paused_gc():
        try:
            arch = Architecture.model_validate(data)
        except ValidationError as exc:
            raise from_pydantic(exc) from None
        return normalize(arch)


def parse_architecture(
    content: str | bytes, fmt: Format | None = None, limits: DocumentLimits = DEFAULT_LIMITS
) -> Architecture:
    """A document's text to a canonical Architecture; errors carry line numbers."""
    data = load_document(content, fmt, limits)
    try:
        return architecture_from_data(data)
    except SpecValidationError as exc:
        raise exc.with_lines(line_finder(_decode(content))) from None


_HEADER_ORDER = ("name", "slug", "description", "pattern")


def architecture_to_data(arch: Architecture) -> dict[str, Any]:
    """The canonical plain form: header first, defaults left out."""
    body = arch.model_dump(mode="json", exclude_defaults=True, exclude={"apiVersion", "kind"})
    data: dict[str, Any] = {"apiVersion": API_VERSION, "kind": KIND}
    data.update({key: body.pop(key) for key in _HEADER_ORDER if key in body})
    data.setdefault("pattern", arch.pattern.value)
    data.update(body)
    return data


def dump_data(data: Any, fmt: Format = "yaml") -> str:
    with paused_gc():
        return _dump_data(data, fmt)


def _dump_data(data: Any, fmt: Format) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


def dump_architecture(arch: Architecture, fmt: Format = "yaml") -> str:
    return dump_data(architecture_to_data(arch), fmt)
