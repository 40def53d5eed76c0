"""Names for platforms stricter than the design: the design's own name when it fits,
otherwise a readable lowercase spelling with a short hash that keeps it unique.

Event names may hold capitals, '_' and 249 characters; Kubernetes object names and
Backstage entity names may not. Two different names practically never share a spelling,
because an altered name always carries the hash of the original.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

_HASH_LENGTH = 8


def conform_name(text: str, is_valid: Callable[[str], bool], max_length: int = 63) -> str:
    """`text` if `is_valid` accepts it, else lowercase letters and digits joined by
    single '.' or '-' (valid as a DNS-1123 subdomain and as a Backstage name), at most
    `max_length` characters, ending in a hash of `text`."""
    if is_valid(text):
        return text
    pieces = re.split(r"([^a-z0-9]+)", text.lower())
    readable = ""
    for word, separator in zip(pieces[0::2], ["", *pieces[1::2]], strict=True):
        if word:
            # A dot stays where the original had one: `Order.Created` reads `order.created-…`.
            if readable:
                readable += "." if "." in separator else "-"
            readable += word
    readable = readable[: max_length - _HASH_LENGTH - 1].rstrip(".-")
    digest = hashlib.sha256(text.encode()).hexdigest()[:_HASH_LENGTH]
    return f"{readable}-{digest}" if readable else f"x-{digest}"
