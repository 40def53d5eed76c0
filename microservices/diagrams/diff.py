"""The diff drawing: two revisions' dependency maps as one, with what changed in colour.

Every service and dependency of either spec is drawn once, clustered by domain:
added ones green, removed ones red and dashed, services with any field changed (as
spec/diff.py finds them) amber, the rest grey. A renamed service is drawn once,
under its new name, as changed, and its calls are compared under that name, so a
rename alone adds and removes no dependency. Beyond `Limits.collapse_above`
services only the changed ones and their direct neighbours are drawn, with a note.
"""

from __future__ import annotations

from collections import defaultdict

from ..spec import Architecture, architecture_to_data
from ..spec.diff import SpecDiff, diff_specs
from . import styles
from .build import Diagram, Link, laid_out
from .context import DiagramContext
from .graph import LEFT, Edge, Graph, Node, node_id
from .nodes import new_graph, service_node
from .options import DEFAULT_LIMITS, DiagramOptions, Limits, TitleBlock

VIEW = "diff"
ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"
Call = tuple[str, str, str]  # caller, callee, mode


def build_diff_diagram(
    old_spec: Architecture,
    new_spec: Architecture,
    *,
    link: Link | None = None,
    title: TitleBlock | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Diagram:
    """The dependency map of both specs at once, coloured by what changed from old to new."""
    options = DiagramOptions()
    old, new = DiagramContext(old_spec, options, limits), DiagramContext(new_spec, options, limits)
    diff = diff_specs(architecture_to_data(old_spec), architecture_to_data(new_spec))
    renamed = {pair["from"]: pair["to"] for pair in diff.services_renamed}
    fields = changed_fields(diff)
    statuses = service_statuses(old, new, renamed, fields)
    calls = call_statuses(old, new, renamed)

    graph = new_graph(VIEW)
    shown = services_in_scope(graph, statuses, calls, limits.collapse_above)
    was = {new_name: old_name for old_name, new_name in renamed.items()}
    for name in sorted(shown, key=lambda n: (new.domain_of(n) or old.domain_of(n), n)):
        context = old if statuses[name] == REMOVED else new
        draw_service(context, graph, name, statuses[name], fields.get(name, []), was.get(name))
    for (caller, callee, mode), status in calls.items():
        if caller in shown and callee in shown:
            graph.add_edge(call_edge(caller, callee, mode, status))
    if not any(status != UNCHANGED for status in [*statuses.values(), *calls.values()]):
        graph.notes.append("No service or dependency changed between these revisions.")
    graph.add_node(
        Node("legend", "legend", styles.DIFF_LEGEND_TEXT, "", dict(styles.LEGEND), justify=LEFT)
    )

    return laid_out(graph, VIEW, options, new_spec, link=link, title=title, limits=limits)


def changed_fields(diff: SpecDiff) -> dict[str, list[str]]:
    """service -> the paths of its fields that changed (under its new name)."""
    found: dict[str, list[str]] = defaultdict(list)
    for change in diff.changes:
        if change.section == "services":
            found[change.key].append(change.path)
    return dict(found)


def service_statuses(
    old: DiagramContext,
    new: DiagramContext,
    renamed: dict[str, str],
    fields: dict[str, list[str]],
) -> dict[str, str]:
    """Every service of either spec (renamed ones under their new name) -> its status."""
    targets = set(renamed.values())
    found = {}
    for name in new.services:
        if name in targets or name in fields:
            found[name] = CHANGED
        else:
            found[name] = UNCHANGED if name in old.services else ADDED
    for name in old.services:
        if name not in new.services and name not in renamed:
            found[name] = REMOVED
    return found


def call_statuses(
    old: DiagramContext, new: DiagramContext, renamed: dict[str, str]
) -> dict[Call, str]:
    """Every call of either spec -> added, removed or unchanged; new calls first."""
    before = [
        (renamed.get(caller, caller), renamed.get(callee, callee), mode)
        for caller, callee, mode in old.calls
    ]
    kept, after = set(before), set(new.calls)
    found = {call: UNCHANGED if call in kept else ADDED for call in new.calls}
    found.update((call, REMOVED) for call in before if call not in after)
    return found


def services_in_scope(
    graph: Graph, statuses: dict[str, str], calls: dict[Call, str], threshold: int
) -> set[str]:
    """All services; beyond `threshold`, the changed ones and their direct neighbours."""
    if len(statuses) <= threshold:
        return set(statuses)
    graph.collapsed = True
    changed = {name for name, status in statuses.items() if status != UNCHANGED}
    for (caller, callee, _), status in calls.items():
        if status != UNCHANGED:
            changed |= {caller, callee}
    shown = set(changed)
    for caller, callee, _ in calls:
        if caller in changed or callee in changed:
            shown |= {caller, callee}
    graph.notes.insert(
        0,
        f"Showing the {len(changed):,} changed services and their "
        f"{len(shown) - len(changed):,} direct neighbours: {len(statuses):,} services "
        f"exceed {threshold:,}.",
    )
    return shown


def draw_service(
    ctx: DiagramContext,
    graph: Graph,
    name: str,
    status: str,
    fields: list[str],
    was: str | None,
) -> None:
    """The service's node as the dependency map draws it, recoloured by its status."""
    node = service_node(ctx, graph, name)
    node.attrs.update(styles.DIFF_SERVICE[status])
    if was is not None:
        node.label = f"{name}\n(was {was})"
    if status == REMOVED:
        node.link = None  # its page is gone with it
    if status != UNCHANGED:
        node.marks.append(status)
        node.tooltip += f"\n{status}" + (f": {', '.join(fields)}" if fields else "")


def call_edge(caller: str, callee: str, mode: str, status: str) -> Edge:
    attrs = {**styles.DIFF_EDGE_BY_MODE.get(mode, {}), **styles.DIFF_EDGE[status]}
    return Edge(
        node_id("service", caller),
        node_id("service", callee),
        mode,
        tooltip=f"{mode} call ({status})",
        attrs=attrs,
    )
