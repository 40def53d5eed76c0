"""What a caller may choose about a diagram: its options, its title block, its limits."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

# Part of every cache key: bump it when the same options start drawing differently.
RENDERER_VERSION = 1
SEVERITIES = ("error", "warning")


class DiagramOptionError(ValueError):
    """An option names something the architecture does not have, or is out of range."""


@dataclass(frozen=True)
class DiagramOptions:
    """Options of one diagram; each view reads only the fields its `View.options` names
    (plus `findings` and `links`, which every view honours)."""

    domain: str = ""  # only this bounded context
    service: str = ""  # the focus view's centre
    hops: int = 1  # how far out the focus view goes
    saga: str = ""  # one saga instead of all
    collapse: bool | None = None  # None: collapse to domains when the map is too large
    expand: tuple[str, ...] = ()  # domains drawn service by service while collapsed
    findings: Mapping[str, str] = field(default_factory=dict)  # service -> error|warning
    links: bool = True  # nodes link to their object's page (when a `link` is given)

    def __post_init__(self) -> None:
        if not 0 <= self.hops <= 10:
            raise DiagramOptionError(f"hops must be between 0 and 10, not {self.hops}")
        unknown = sorted({s for s in self.findings.values() if s not in SEVERITIES})
        if unknown:
            raise DiagramOptionError(
                f"a finding's severity is 'error' or 'warning', not {unknown[0]!r}"
            )
        object.__setattr__(self, "expand", tuple(sorted(set(self.expand))))

    def key(self) -> str:
        """A stable string naming these options, for cache keys."""
        data = {
            "version": RENDERER_VERSION,
            "domain": self.domain,
            "service": self.service,
            "hops": self.hops,
            "saga": self.saga,
            "collapse": self.collapse,
            "expand": list(self.expand),
            "findings": sorted(self.findings.items()),
            "links": self.links,
        }
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class TitleBlock:
    """The block printed on exported diagrams."""

    architecture: str
    revision: int | None
    date: str
    author: str

    def text(self) -> str:
        parts = [self.architecture]
        if self.revision is not None:
            parts.append(f"revision {self.revision}")
        parts += [part for part in (self.date, self.author) if part]
        return " · ".join(parts)


@dataclass(frozen=True)
class Limits:
    """Where large architectures change how they are drawn (see bench/bench_diagrams.py).

    Measured with Graphviz 2.43 on synthetic architectures (5 calls a service): the
    clustered map takes dot about 1 s of CPU at 300 services, 2.6 s at 500 and 14 s
    at 1,000 (sfdp: 1.3 s), and fails at 3,000; collapsed maps of 1,000-5,000
    services take sfdp 0.1-0.2 s.

    collapse_above: services in the dependency map beyond which it starts collapsed to
        domains (unless the caller asks otherwise).
    collapsed_max_edges: links between domains a collapsed map draws at most (the
        strongest); the context map draws them all.
    dot_max_nodes / dot_max_edges: beyond either, a graph is laid out with sfdp, which
        draws no clusters but stays fast; dot's time grows with crossings and, on large
        clustered graphs, it fails outright ("trouble in init_rank").
    dot_max_density: edges per node beyond which an unclustered graph of more than
        `dense_from_edges` edges is laid out with sfdp too: dot spends its time routing
        the long edges of such graphs (domains calling most other domains); clusters
        keep most edges short, so clustered maps stay with dot.
    quick_crossings_from_edges: from this many edges dot's crossing minimisation runs
        fewer passes (mclimit 0.3): it halves the 300-service map's layout time (1.0 s
        to 0.55 s) for a layout that differs little.
    timeout_seconds: how long one Graphviz run may take before it is stopped.
    """

    collapse_above: int = 500
    collapsed_max_edges: int = 600
    dot_max_nodes: int = 1_000
    dot_max_edges: int = 3_000
    dot_max_density: float = 3.0
    dense_from_edges: int = 400
    quick_crossings_from_edges: int = 800
    timeout_seconds: float = 60.0


DEFAULT_LIMITS = Limits()
