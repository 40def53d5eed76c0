"""Moving saga steps and gateway routes up and down."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures.models import Route, SagaStep

from .helpers import page_of, revision

pytestmark = pytest.mark.django_db


def move_url(architecture, parent: tuple[str, str], concept: str, key) -> str:
    args = [architecture.workspace.slug, architecture.slug, *parent, concept, key]
    return reverse("architectures:child-move", args=args)


def step_names(architecture) -> list[str]:
    steps = SagaStep.objects.filter(architecture=architecture).order_by("position")
    return list(steps.values_list("name", flat=True))


SAGA = ("sagas", "order-creation")


def test_moving_a_step_up_with_htmx_redraws_the_steps_in_their_new_order(
    architecture, editor, client_for
):
    response = client_for(editor).post(
        move_url(architecture, SAGA, "steps", "step3"), {"direction": "up"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<div") and "<html" not in html  # the table alone
    assert html.index("step3") < html.index("step2")
    assert step_names(architecture) == ["step1", "step3", "step2"]


def test_moving_a_step_down_without_htmx_goes_back_to_the_saga_page(
    architecture, editor, client_for
):
    response = client_for(editor).post(
        move_url(architecture, SAGA, "steps", "step1"), {"direction": "down"}
    )
    assert response.status_code == 302
    assert response["Location"] == page_of(architecture, SAGA)
    assert step_names(architecture) == ["step2", "step1", "step3"]


def test_the_first_step_cannot_go_further_up(architecture, editor, client_for):
    client_for(editor).post(move_url(architecture, SAGA, "steps", "step1"), {"direction": "up"})
    assert step_names(architecture) == ["step1", "step2", "step3"]


def test_a_move_needs_a_direction(architecture, editor, client_for):
    response = client_for(editor).post(
        move_url(architecture, SAGA, "steps", "step1"), {"direction": "sideways"}
    )
    assert response.status_code == 400
    assert step_names(architecture) == ["step1", "step2", "step3"]


def test_a_viewer_cannot_move_steps(architecture, viewer, client_for):
    before = revision(architecture)
    response = client_for(viewer).post(
        move_url(architecture, SAGA, "steps", "step3"), {"direction": "up"}
    )
    assert response.status_code == 403
    assert step_names(architecture) == ["step1", "step2", "step3"]
    assert revision(architecture) == before


def test_only_ordered_concepts_can_move(architecture, editor, client_for):
    url = move_url(architecture, ("services", "order-service"), "events", "order.created")
    assert client_for(editor).post(url, {"direction": "up"}).status_code == 404


def test_routes_move_too(architecture, editor, client_for):
    last = Route.objects.filter(architecture=architecture).order_by("position").last()
    response = client_for(editor).post(
        move_url(architecture, ("gateways", "api-gateway"), "routes", last.pk),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    paths = Route.objects.filter(architecture=architecture).order_by("position")
    assert list(paths.values_list("path", flat=True)) == [
        "/api/orders",
        "/api/users",
        "/api/products",
    ]


def test_the_saga_page_shows_each_action_with_its_compensation(architecture, viewer, client_for):
    html = client_for(viewer).get(page_of(architecture, SAGA)).content.decode()
    assert "<code>reserve_inventory</code>" in html
    assert "<code>release_inventory</code>" in html
    assert 'name="direction"' not in html  # viewers get no move buttons
