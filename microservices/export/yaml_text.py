"""Block-style YAML for export bundles, written directly rather than through PyYAML.

Exported documents are plain data (dicts, lists, strings, numbers, booleans,
None). PyYAML's representer walks them in pure Python and was most of an
export's time on large architectures; this writer produces the same kind of
block YAML several times faster. A string is written plain only when it cannot
be read back as anything else (YAML 1.1 or 1.2), otherwise double-quoted with
JSON's escapes, which YAML reads the same way; multi-line text becomes a literal
block when that is lossless. tests/export/test_yaml_text.py checks that every
written document loads back equal with PyYAML.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# Plain scalars: a conservative shape that no YAML resolver reads as another type...
_PLAIN = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./()-]+)*$")
# ...except these words, which YAML 1.1 reads as booleans or null (compared lowercased).
_RESERVED = frozenset({"y", "yes", "n", "no", "on", "off", "true", "false", "null"})


# Characters a double-quoted scalar must escape beyond JSON's own: what YAML readers
# refuse (C1 controls, lone surrogates, U+FFFE/U+FFFF) or read as line breaks.
_UNSAFE_IN_QUOTES = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


# What a literal block cannot hold: the above, tabs and every other control character.
_NOT_IN_BLOCK = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]"
)


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def _string(text: str) -> str:
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    # JSON's escapes are YAML's; other printable characters, emoji included, stay as they are.
    return _UNSAFE_IN_QUOTES.sub(_escape, json.dumps(text, ensure_ascii=False))


def _literal_block(text: str, indent: str) -> str | None:
    """`|` block for multi-line text when it round-trips exactly, else None."""
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    if (
        body.endswith("\n")  # several trailing line breaks need keep indicators
        or not lines[0]
        or lines[0][0] in " \t"
        or any(line != line.rstrip(" ") for line in lines)
        or _NOT_IN_BLOCK.search(body)
    ):
        return None
    header = "|" if text.endswith("\n") else "|-"
    return header + "".join(f"\n{indent}{line}" if line else "\n" for line in lines)


def _scalar(value: Any, indent: str) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError("NaN and infinity cannot be exported")
        text = repr(value)
        # YAML 1.1 needs a dot before an exponent to read a float.
        if "e" in text and "." not in text:
            mantissa, exponent = text.split("e")
            text = f"{mantissa}.0e{exponent}"
        return text
    if isinstance(value, str):
        if "\n" in value:
            block = _literal_block(value, indent)
            if block is not None:
                return block
        return _string(value)
    raise TypeError(f"cannot export a {type(value).__name__} as YAML")


# YAML readers refuse implicit keys longer than 1024 characters: longer ones are explicit.
_LONGEST_IMPLICIT_KEY = 1000


def _key_lines(key: Any, prefix: str, indent: str, out: list[str]) -> tuple[str, str, str]:
    """Write what a long key needs; (the head of the value's line, the indent of a
    sequence value, the indent of a mapping value)."""
    text = _string(str(key))
    if len(text) <= _LONGEST_IMPLICIT_KEY:
        return f"{prefix}{text}:", indent, indent + "  "
    out.append(f"{prefix}? {text}\n")
    return f"{indent}:", indent + "  ", indent + "  "


def _emit(value: Any, indent: str, out: list[str]) -> None:
    """Append the lines of a mapping or sequence at `indent` to `out`."""
    if isinstance(value, dict):
        for key, item in value.items():
            _emit_entry(*_key_lines(key, indent, indent, out), item, out)
    else:
        for item in value:
            _emit_item(item, indent, out)


def _emit_entry(head: str, list_indent: str, map_indent: str, item: Any, out: list[str]) -> None:
    if isinstance(item, dict) and item:
        out.append(head + "\n")
        _emit(item, map_indent, out)
    elif isinstance(item, list) and item:
        out.append(head + "\n")
        _emit(item, list_indent, out)
    elif isinstance(item, dict):
        out.append(head + " {}\n")
    elif isinstance(item, list):
        out.append(head + " []\n")
    else:
        out.append(f"{head} {_scalar(item, map_indent)}\n")


def _emit_item(item: Any, indent: str, out: list[str]) -> None:
    child = indent + "  "
    if isinstance(item, dict) and item:
        for position, (key, value) in enumerate(item.items()):
            prefix = f"{indent}- " if position == 0 else child
            _emit_entry(*_key_lines(key, prefix, child, out), value, out)
    elif isinstance(item, list) and item:
        out.append(f"{indent}-\n")
        _emit(item, child, out)
    else:
        _emit_entry(f"{indent}-", child, child, item, out)


def dump_document(document: dict[str, Any]) -> str:
    """One mapping as YAML text without a document marker (for text embedded in a field)."""
    out: list[str] = []
    _emit(document, "", out)
    return "".join(out)


def dump_documents(documents: list[Any]) -> str:
    """The documents as one YAML stream, each starting with `---`."""
    out: list[str] = []
    for document in documents:
        if isinstance(document, (dict, list)) and document:
            out.append("---\n")
            _emit(document, "", out)
        else:
            _emit_entry("---", "", "  ", document, out)
    return "".join(out)
