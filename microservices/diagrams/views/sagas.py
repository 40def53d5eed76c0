"""Sagas: the steps in order with their actions, and the compensation path back.

Each saga is a cluster. Steps run left to right; under each step is its
compensation. A sequential saga undoes completed steps in reverse order (the red
dashed path back); a parallel one undoes them all at once, so its compensations
are not chained.
"""

from __future__ import annotations

from ...spec.model import Saga
from .. import styles
from ..context import DiagramContext
from ..graph import Cluster, Edge, Graph, Node
from ..nodes import new_graph
from ..options import DiagramOptionError
from ..registry import view


@view(
    "sagas",
    title="Sagas",
    description="Each saga's steps in order with their actions, and the compensation path "
    "back; one saga with the `saga` option.",
    options=("saga",),
)
def sagas(ctx: DiagramContext) -> Graph:
    graph = new_graph("sagas", ranksep="0.4")
    chosen = ctx.options.saga
    found = [saga for saga in ctx.spec.sagas if not chosen or saga.name == chosen]
    if chosen and not found:
        raise DiagramOptionError(f"no saga {chosen!r} in this architecture")
    for saga in found:
        draw_saga(ctx, graph, saga)
    if not found:
        graph.notes.append("This architecture has no sagas.")
    return graph


def draw_saga(ctx: DiagramContext, graph: Graph, saga: Saga) -> None:
    strategy = str(saga.compensation_strategy)
    cluster = graph.add_cluster(
        Cluster(
            "saga", saga.name, f"{saga.name} ({strategy} compensation)", link=("saga", saga.name)
        )
    ).id
    previous_step: Node | None = None
    previous_undo: Node | None = None
    for number, step in enumerate(saga.steps, start=1):
        key = f"{saga.name}/{step.name}"
        placeholder = (
            ctx.services.get(step.service) is None or ctx.services[step.service].placeholder
        )
        attrs = {**styles.STEP, **(styles.PLACEHOLDER if placeholder else {})}
        node = graph.add_node(
            Node(
                "step",
                key,
                f"{number}. {step.name}\n{step.service}\n{step.action}()",
                f"step {number} of {saga.name}: {step.service} runs {step.action}",
                attrs,
                cluster,
                (step.service,),
                ("saga", saga.name),
            )
        )
        if previous_step is not None:
            graph.add_edge(
                Edge(previous_step.id, node.id, "step", "", "then", dict(styles.NEXT_STEP))
            )
        previous_step = node
        if not step.compensation:
            continue
        undo = graph.add_node(
            Node(
                "compensation",
                key,
                f"{step.compensation}()\n{step.service}",
                f"undoes {step.name}: {step.service} runs {step.compensation}",
                dict(styles.COMPENSATION),
                cluster,
                (step.service,),
                ("saga", saga.name),
            )
        )
        graph.same_rank.append((node.id, undo.id))
        graph.add_edge(Edge(node.id, undo.id, "undo", "", "undone by", dict(styles.UNDO)))
        if previous_undo is not None and strategy == "sequential":
            graph.add_edge(
                Edge(
                    undo.id,
                    previous_undo.id,
                    "compensate",
                    "then",
                    "then undo",
                    dict(styles.COMPENSATE),
                )
            )
        previous_undo = undo
