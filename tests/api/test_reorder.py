"""Routes and saga steps keep the order users give; reorder changes it."""

from __future__ import annotations

import pytest

from .conftest import REFERENCE_SLUG

pytestmark = pytest.mark.django_db

ROUTES = f"/api/architectures/{REFERENCE_SLUG}/gateways/api-gateway/routes/"
STEPS = f"/api/architectures/{REFERENCE_SLUG}/sagas/order-creation/steps/"


def test_routes_are_reordered_by_id(as_editor, architecture):
    ids = [route["id"] for route in as_editor.get(ROUTES).json()["results"]]

    response = as_editor.post(f"{ROUTES}reorder/", {"order": ids[::-1]}, format="json")

    assert response.status_code == 200
    assert [route["id"] for route in response.json()] == ids[::-1]
    assert [route["id"] for route in as_editor.get(ROUTES).json()["results"]] == ids[::-1]


def test_steps_are_reordered_by_name_and_the_spec_follows(as_editor, architecture):
    response = as_editor.post(
        f"{STEPS}reorder/", {"order": ["step2", "step3", "step1"]}, format="json"
    )

    assert response.status_code == 200
    spec = as_editor.get(f"/api/architectures/{REFERENCE_SLUG}/spec/").json()
    assert [step["name"] for step in spec["sagas"][0]["steps"]] == ["step2", "step3", "step1"]


def test_a_new_step_goes_last(as_editor, architecture):
    as_editor.post(
        STEPS, {"name": "step0", "service": "order-service", "action": "a"}, format="json"
    )

    names = [step["name"] for step in as_editor.get(STEPS).json()["results"]]

    assert names == ["step1", "step2", "step3", "step0"]


@pytest.mark.parametrize(
    ("order", "field"),
    [
        (["step1", "step2"], "order"),
        (["step1", "step2", "step3", "step3"], "order"),
        (["step1", "step2", "step9"], "order[2]"),
        ("step1", "order"),
        ([1, 2, 3], "order[0]"),
    ],
)
def test_an_order_that_is_not_every_step_once_is_refused(as_editor, architecture, order, field):
    response = as_editor.post(f"{STEPS}reorder/", {"order": order}, format="json")

    assert response.status_code == 400, response.json()
    assert field in [error["field"] for error in response.json()["errors"]]
