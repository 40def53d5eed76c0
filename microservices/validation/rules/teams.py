"""Team smells: how the services' owners split and share the architecture.

Conway's law read backwards: teams organised by technical tier, teams that must
coordinate every release, and data that belongs to one team but is used by
another. Every rule is one pass over the services or the dependencies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from weakref import WeakKeyDictionary

from ..model import Severity, datastore, hit, service, team
from ..registry import rule


def keeps_data(svc) -> bool:
    """Whether a service has its own persistence (an instance or a database technology)."""
    return bool(svc.datastore or svc.technologies.get("database"))


_team_calls: WeakKeyDictionary = WeakKeyDictionary()


def sync_calls_between_teams(ctx) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(caller's team, callee's team) -> the sync calls that cross teams (once per context)."""
    if ctx not in _team_calls:
        _team_calls[ctx] = _calls_between_teams(ctx)
    return _team_calls[ctx]


def _calls_between_teams(ctx) -> dict[tuple[str, str], list[tuple[str, str]]]:
    services = ctx.services
    calls: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for (caller, callee), dep in ctx.dependencies.items():
        source, target = services[caller].owner, services[callee].owner
        if dep.mode == "sync" and source and target and source != target:
            calls[source, target].append((caller, callee))
    return calls


@rule(
    "MS251",
    Severity.WARNING,
    "Single-layer teams",
    rationale="A team that owns only front or API services calling a team that owns only data "
    "services splits the work by technical tier: every feature needs both teams and a "
    "synchronized release.",
    fix="Reorganise ownership around business capabilities, each team owning its services "
    "end to end, data included.",
)
def single_layer_teams(ctx, params):
    tiers: dict[str, set[bool]] = defaultdict(set)
    sizes: Counter = Counter()
    for svc in ctx.defined.values():
        if svc.owner:
            tiers[svc.owner].add(keeps_data(svc))
            sizes[svc.owner] += 1
    for (source, target), pairs in sorted(sync_calls_between_teams(ctx).items()):
        if tiers.get(source) == {False} and tiers.get(target) == {True}:
            yield hit(
                f"Team {source} owns only services without a datastore ({sizes[source]}) and "
                f"calls team {target}, which owns only services with one ({sizes[target]}), "
                f"{len(pairs)} time(s) synchronously: the teams are split by technical tier",
                team(source),
                team(target),
                calls=sorted(f"{a}->{b}" for a, b in pairs),
            )


@rule(
    "MS252",
    Severity.WARNING,
    "Tightly coupled teams",
    rationale="Many synchronous calls between two teams' services mean the teams must "
    "coordinate their changes and releases: they are not independent.",
    fix="Move the services so that each capability sits with one team, or replace the calls "
    "with events.",
    thresholds={"max_calls": (5, "More sync calls between two teams (both directions) than this.")},
)
def tightly_coupled_teams(ctx, params):
    directed = sync_calls_between_teams(ctx)
    pairs = sorted({tuple(sorted(key)) for key in directed})
    for a, b in pairs:
        forward, backward = directed.get((a, b), []), directed.get((b, a), [])
        total = len(forward) + len(backward)
        if total > params["max_calls"]:
            yield hit(
                f"Teams {a} and {b} are coupled by {total} synchronous calls ({len(forward)} "
                f"from {a}, {len(backward)} from {b}), over the limit of {params['max_calls']}",
                team(a),
                team(b),
                calls=sorted(f"{x}->{y}" for x, y in forward + backward),
            )


@rule(
    "MS253",
    Severity.WARNING,
    "Datastore shared across teams",
    rationale="A datastore used by services of several teams belongs to nobody: one team's "
    "schema change breaks another team's service.",
    fix="Give the datastore to one team and let the others use that team's API or events.",
)
def datastore_shared_across_teams(ctx, params):
    teams_of: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, svc in ctx.defined.items():
        if svc.datastore and svc.owner:
            teams_of[svc.datastore][svc.owner].append(name)
    for store, by_team in sorted(teams_of.items()):
        if len(by_team) > 1:
            listing = "; ".join(
                f"{owner} ({', '.join(sorted(names))})" for owner, names in sorted(by_team.items())
            )
            yield hit(
                f"Datastore {store} is used by services of {len(by_team)} teams: {listing}",
                datastore(store),
                *(team(owner) for owner in sorted(by_team)),
            )


@rule(
    "MS254",
    Severity.INFO,
    "Service without an owner",
    rationale="A service no team owns is nobody's to fix, upgrade or be woken up for.",
    fix="Set the service's owner to the team responsible for it.",
)
def unowned_services(ctx, params):
    for name, svc in sorted(ctx.defined.items()):
        if not svc.owner:
            yield hit(f"{name} has no owner team", service(name))
