"""Authorization: every principal exists, every workload is covered by a policy.

KIA0106: a principal naming a service account the bundle does not create never
matches a caller. KIA1301: a workload no AuthorizationPolicy selects (nor one for
its whole namespace) accepts every caller. Unlike Kiali, which sees injected pods,
a bundle only says which pods opt out of the sidecar: those are left out of KIA1301,
as no Istio policy can apply to a pod without a proxy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..checks import Located, Objects, check
from .index import ROOT_NAMESPACE, Workloads, namespace_of, spec_of

# <trust domain>/ns/<namespace>/sa/<service account>, the SPIFFE identity of a workload.
_PRINCIPAL = re.compile(r"^(?:spiffe://)?[^/]+/ns/(?P<namespace>[^/]+)/sa/(?P<account>[^/]+)$")


def principals(located: Located) -> list[str]:
    found = []
    for rule in spec_of(located).get("rules") or ():
        for source in rule.get("from") or ():
            found += [str(p) for p in (source.get("source") or {}).get("principals") or ()]
    return list(dict.fromkeys(found))


@check("KIA0106", "error")
def principals_are_service_accounts(objects: Objects) -> Iterator[tuple[Located, str]]:
    accounts = {(namespace_of(a), a.name) for a in objects.of("ServiceAccount")}
    for located in objects.of("AuthorizationPolicy"):
        for principal in principals(located):
            if "*" in principal:  # a pattern, not one identity
                continue
            parsed = _PRINCIPAL.match(principal)
            if parsed is None:
                yield (
                    located,
                    f"AuthorizationPolicy {located.name} admits principal {principal!r}, which "
                    "is not of the form <trust domain>/ns/<namespace>/sa/<service account>",
                )
            elif (parsed["namespace"], parsed["account"]) not in accounts:
                yield (
                    located,
                    f"AuthorizationPolicy {located.name} admits principal {principal}, but the "
                    f"bundle has no ServiceAccount {parsed['account']} in namespace "
                    f"{parsed['namespace']}",
                )


def _applies_to_namespace(located: Located) -> bool:
    spec = spec_of(located)
    return not spec.get("selector") and not spec.get("targetRef") and not spec.get("targetRefs")


@check("KIA1301", "warning")
def workloads_are_covered(objects: Objects) -> Iterator[tuple[Located, str]]:
    workloads = Workloads(objects)
    covered: set[int] = set()
    namespaces: set[str] = set()
    for located in objects.of("AuthorizationPolicy"):
        namespace = namespace_of(located)
        if _applies_to_namespace(located):
            namespaces.add(namespace)
            continue
        match_labels = (spec_of(located).get("selector") or {}).get("matchLabels") or {}
        covered.update(workloads.selected(namespace, match_labels))
    for index, located in enumerate(workloads.all):
        namespace = namespace_of(located)
        if workloads.outside_mesh[index] or index in covered:
            continue
        if namespace in namespaces or ROOT_NAMESPACE in namespaces:
            continue
        yield (
            located,
            f"{located.kind} {located.name} is not covered by any AuthorizationPolicy (none "
            f"selects its pods, none applies to namespace {namespace}): it admits every caller",
        )
