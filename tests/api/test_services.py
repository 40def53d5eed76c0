"""Services: whole objects with their children, placeholders, filters and deletion."""

from __future__ import annotations

import pytest

from .conftest import REFERENCE_SLUG

pytestmark = pytest.mark.django_db

SERVICES = f"/api/architectures/{REFERENCE_SLUG}/services/"
SPEC = f"/api/architectures/{REFERENCE_SLUG}/spec/"


def service_in_spec(client, name: str) -> dict:
    return next(s for s in client.get(SPEC).json()["services"] if s["name"] == name)


def test_a_service_is_represented_with_its_children_exactly_as_in_the_spec(as_viewer, architecture):
    answer = as_viewer.get(f"{SERVICES}order-service/").json()

    assert answer == service_in_spec(as_viewer, "order-service")
    assert [e["path"] for e in answer["endpoints"]] == ["/orders", "/orders/{order_id}"]
    assert answer["deployment"]["strategy"] == "canary"


def test_a_placeholder_is_represented_by_its_name_only(as_viewer, architecture):
    answer = as_viewer.get(f"{SERVICES}payment-service/").json()

    assert answer == {"name": "payment-service", "placeholder": True}


def test_putting_a_placeholder_defines_it(as_editor, architecture):
    body = {"name": "payment-service", "domain": "payments", "endpoints": [{"path": "/pay"}]}

    response = as_editor.put(f"{SERVICES}payment-service/", body, format="json")

    assert response.status_code == 200, response.json()
    assert response.json() == {
        "name": "payment-service",
        "domain": "payments",
        "endpoints": [{"path": "/pay"}],
    }
    assert service_in_spec(as_editor, "payment-service") == response.json()


def test_patching_a_placeholder_defines_it(as_editor, architecture):
    response = as_editor.patch(f"{SERVICES}user-service/", {"owner": "identity"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json() == {"name": "user-service", "owner": "identity"}


def test_posting_a_placeholders_name_defines_it(as_editor, architecture):
    response = as_editor.post(
        SERVICES, {"name": "auth-service", "domain": "identity"}, format="json"
    )

    assert response.status_code == 201, response.json()
    assert "placeholder" not in response.json()


def test_putting_a_service_replaces_its_children(as_editor, architecture):
    body = {"name": "order-service", "endpoints": [{"path": "/v2/orders", "methods": ["POST"]}]}

    response = as_editor.put(f"{SERVICES}order-service/", body, format="json")

    assert response.status_code == 200
    assert response.json() == body
    dependencies = as_editor.get(f"{SERVICES}order-service/dependencies/").json()
    assert dependencies["count"] == 0


def test_renaming_a_service_keeps_what_references_it(as_editor, architecture):
    response = as_editor.patch(
        f"{SERVICES}order-service/", {"name": "sales-service"}, format="json"
    )

    assert response.status_code == 200
    route = as_editor.get(f"/api/architectures/{REFERENCE_SLUG}/gateways/api-gateway/").json()
    assert {"path": "/api/orders", "service": "sales-service"} in route["routes"]
    assert as_editor.get(f"{SERVICES}order-service/").status_code == 404


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"domain": "orders"}, ["order-service"]),
        (
            {"placeholder": "true"},
            ["auth-service", "payment-service", "product-service", "user-service"],
        ),
        ({"placeholder": "false"}, ["inventory-service", "order-service"]),
        ({"search": "INVENT"}, ["inventory-service"]),
        ({"name": "user-service"}, ["user-service"]),
    ],
)
def test_services_can_be_filtered(as_viewer, architecture, query, names):
    response = as_viewer.get(SERVICES, query)

    assert [s["name"] for s in response.json()["results"]] == names


def test_services_are_listed_by_name_a_page_at_a_time(as_viewer, architecture):
    first = as_viewer.get(SERVICES, {"page_size": 4}).json()
    second = as_viewer.get(first["next"]).json()

    assert first["count"] == 6
    names = [s["name"] for s in first["results"] + second["results"]]
    assert names == sorted(names)
    assert len(names) == 6


# --- deleting ---------------------------------------------------------------------------


def test_deleting_a_referenced_service_is_refused_with_the_references(as_editor, architecture):
    response = as_editor.delete(f"{SERVICES}order-service/")

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "in_use"
    assert body["references"] == [
        "route /api/orders of api-gateway",
        "saga step step1 of order-creation",
    ]
    assert [e["message"] for e in body["errors"]] == body["references"]
    assert as_editor.get(f"{SERVICES}order-service/").status_code == 200


def test_deleting_with_on_reference_placeholder_keeps_the_name_and_the_references(
    as_editor, architecture
):
    response = as_editor.delete(f"{SERVICES}order-service/?on_reference=placeholder")

    assert response.status_code == 200
    assert response.json() == {"name": "order-service", "placeholder": True}
    spec = as_editor.get(SPEC).json()
    assert {"name": "order-service", "placeholder": True} in spec["services"]
    assert {"path": "/api/orders", "service": "order-service"} in spec["gateways"][0]["routes"]
    assert spec["sagas"][0]["steps"][0]["service"] == "order-service"
    assert "order.created" not in str(spec)  # its own children went


def test_a_placeholder_cannot_be_deleted_while_referenced(as_editor, architecture):
    response = as_editor.delete(f"{SERVICES}payment-service/?on_reference=placeholder")
    assert response.status_code == 409


def test_deleting_an_unreferenced_service_removes_it(as_editor, architecture):
    as_editor.post(SERVICES, {"name": "lonely-service"}, format="json")

    response = as_editor.delete(f"{SERVICES}lonely-service/")

    assert response.status_code == 204
    assert as_editor.get(f"{SERVICES}lonely-service/").status_code == 404


def test_removing_the_last_reference_removes_the_placeholder(as_editor, architecture):
    url = f"/api/architectures/{REFERENCE_SLUG}/gateways/api-gateway/"
    routes = as_editor.get(f"{url}routes/").json()["results"]
    product_route = next(r for r in routes if r["service"] == "product-service")

    as_editor.delete(f"{url}routes/{product_route['id']}/")

    assert as_editor.get(f"{SERVICES}product-service/").status_code == 404
