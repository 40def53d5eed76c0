"""Static checks over a whole bundle, after Kiali's checks of live Istio configuration.

Each check is a function registered with `@check(code, severity)` that takes the
bundle's `Objects` and yields `(document, message)` pairs for what is wrong. They
run after every export; their problems are shown on the job and in the README.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .bundle import Problem

Document = dict[str, Any]


@dataclass(frozen=True)
class Located:
    path: str
    document: Document

    @property
    def kind(self) -> str:
        return str(self.document.get("kind", ""))

    @property
    def name(self) -> str:
        return str((self.document.get("metadata") or {}).get("name", ""))


# Documents shaped like Kubernetes objects that no cluster serves: OpenSLO's and
# Backstage's own `Service` or `Component` must not pass for cluster objects.
NOT_CLUSTER_API_GROUPS = ("openslo/", "backstage.io/")


def is_cluster_object(doc: Any) -> bool:
    return (
        isinstance(doc, dict)
        and "kind" in doc
        and isinstance(doc.get("apiVersion"), str)
        and not doc["apiVersion"].startswith(NOT_CLUSTER_API_GROUPS)
    )


class Objects:
    """Every Kubernetes object of the bundle, by kind."""

    def __init__(self, documents: Mapping[str, list[Any]]):
        self.by_kind: dict[str, list[Located]] = {}
        for path, docs in documents.items():
            for doc in docs:
                if is_cluster_object(doc):
                    self.by_kind.setdefault(doc["kind"], []).append(Located(path, doc))

    def of(self, *kinds: str) -> list[Located]:
        return [located for kind in kinds for located in self.by_kind.get(kind, [])]


Check = Callable[[Objects], Iterator[tuple[Located, str]]]
_CHECKS: list[tuple[str, str, Check]] = []


def check(code: str, severity: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        _CHECKS.append((code, severity, function))
        return function

    return register


def check_bundle(documents: Mapping[str, list[Any]]) -> list[Problem]:
    # Imported here: the checks' modules build on this one's `check` and `Objects`.
    from . import kiali  # noqa: F401

    objects = Objects(documents)
    problems = [
        Problem(code, severity, message, located.path, located.kind, located.name)
        for code, severity, function in _CHECKS
        for located, message in function(objects)
    ]
    return sorted(problems, key=lambda p: (p.path, p.code, p.kind, p.name, p.message))
