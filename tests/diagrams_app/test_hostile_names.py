"""Names people type reach diagrams as text: nothing in them runs or changes the graph."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from apps.architectures.services import import_spec
from microservices.diagrams import FORMATS, VIEWS

from .conftest import page_url
from .test_api import QUERY, SVG, get_diagram

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = 'a" -> b [label="x'


@pytest.fixture
def hostile(workspace, owner, reference_spec):
    """The reference example with markup and DOT syntax in every free-text field."""
    order, *others = reference_spec.services
    order = order.model_copy(
        update={
            "description": f"<img src=x onerror=alert(1)> {BREAKOUT}",
            "responsibilities": [BREAKOUT, SCRIPT],
            "technologies": {"language": SCRIPT, "framework": BREAKOUT},
        }
    )
    gateway = reference_spec.gateways[0]
    routes = [
        gateway.routes[0].model_copy(update={"path": f'/x"->b[label="x{SCRIPT}'}),
        *gateway.routes[1:],
    ]
    spec = reference_spec.model_copy(
        update={
            "name": f"{SCRIPT} & {BREAKOUT}",
            "slug": "hostile",
            "description": SCRIPT,
            "services": [order, *others],
            "gateways": [gateway.model_copy(update={"routes": routes})],
        }
    )
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=spec)
    return architecture


def plain_node_names(dot_source: bytes) -> set[str]:
    """The nodes Graphviz itself reads from the DOT source."""
    plain = subprocess.run(
        ["dot", "-Tplain"], input=dot_source, capture_output=True, check=True, timeout=30
    ).stdout.decode()
    return {line.split(" ", 2)[1] for line in plain.splitlines() if line.startswith("node ")}


def assert_svg_runs_nothing(content: bytes) -> ElementTree.Element:
    tree = ElementTree.fromstring(content)
    for element in tree.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in ("script", "foreignObject"), tag
        for name, value in element.attrib.items():
            assert not name.rsplit("}", 1)[-1].lower().startswith("on"), name
            assert not value.strip().lower().startswith(("javascript:", "data:text")), value
    return tree


@pytest.mark.parametrize("view", list(VIEWS))
def test_hostile_names_render_as_text_in_the_svg_of_every_view(
    hostile, viewer, api_client_for, view
):
    response = get_diagram(api_client_for(viewer), hostile, view, "svg")

    assert response.status_code == 200
    tree = assert_svg_runs_nothing(response.content)
    assert tree.tag == f"{SVG}svg"


def test_the_architecture_name_is_text_in_the_title_block(hostile, viewer, api_client_for):
    response = get_diagram(api_client_for(viewer), hostile, "dependencies", "svg")

    text = "".join(ElementTree.fromstring(response.content).itertext())
    assert SCRIPT in text


@pytest.mark.parametrize("view", list(VIEWS))
def test_hostile_names_add_no_node_to_the_dot_source(hostile, viewer, api_client_for, view):
    response = get_diagram(api_client_for(viewer), hostile, view, "dot")

    names = plain_node_names(response.content)
    assert "b" not in names and "x" not in names


@pytest.mark.parametrize("fmt", [fmt for fmt in FORMATS if fmt not in ("svg", "dot")])
@pytest.mark.parametrize("view", list(VIEWS))
def test_every_other_format_is_served_for_hostile_names(hostile, viewer, api_client_for, view, fmt):
    response = get_diagram(api_client_for(viewer), hostile, view, fmt)

    assert response.status_code == 200 and response.content
    if fmt == "mmd":
        assert SCRIPT.encode() not in response.content


def test_the_diagram_page_shows_hostile_names_escaped(hostile, viewer, client_for):
    for view in VIEWS:
        response = client_for(viewer).get(page_url("view", hostile, view, **QUERY.get(view, {})))

        assert response.status_code == 200
        assert SCRIPT.encode() not in response.content
        assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
