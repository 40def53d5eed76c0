"""The history API: revisions, one revision, diffs, restore, and who may do what."""

from __future__ import annotations

import pytest

from apps.architectures.models import Architecture
from apps.architectures.selectors import architecture_spec
from apps.history.selectors import spec_at
from microservices.spec import architecture_to_data

pytestmark = pytest.mark.django_db

SLUG = "e-commerce-platform"
BASE = f"/api/architectures/{SLUG}/"
HISTORY = f"{BASE}history/"


def current_revision(architecture) -> int:
    return Architecture.objects.values_list("revision", flat=True).get(pk=architecture.pk)


def test_an_api_edit_is_recorded_with_the_token_and_the_change_message(as_editor, architecture):
    response = as_editor.patch(
        f"{BASE}services/order-service/",
        {"owner": "checkout-team"},
        format="json",
        HTTP_X_CHANGE_MESSAGE="Checkout owns orders now",
    )
    assert response.status_code == 200, response.json()

    latest = as_editor.get(HISTORY).json()["results"][0]
    assert latest["revision"] == current_revision(architecture)
    assert latest["message"] == "Checkout owns orders now"
    assert latest["author"] == "eddie (token tests)"
    detail = as_editor.get(f"{HISTORY}{latest['revision']}/").json()
    (change,) = detail["changes"]
    assert (change["section"], change["key"], change["kind"]) == (
        "services",
        "order-service",
        "changed",
    )
    assert change["after"]["owner"] == "checkout-team"


def test_the_diff_shows_services_dependencies_and_fields_changed_in_a_sequence_of_edits(
    as_editor, architecture
):
    start = current_revision(architecture)
    as_editor.patch(f"{BASE}services/order-service/", {"owner": "checkout"}, format="json")
    as_editor.post(f"{BASE}services/", {"name": "fraud-service", "domain": "risk"}, format="json")
    added = as_editor.post(
        f"{BASE}services/order-service/dependencies/",
        {"service": "fraud-service", "mode": "async"},
        format="json",
    )
    assert added.status_code == 201, added.json()

    diff = as_editor.get(f"{BASE}diff/?from={start}&to={current_revision(architecture)}").json()

    assert diff["services_added"] == ["fraud-service"]
    assert diff["services_removed"] == []
    assert {"source": "order-service", "target": "fraud-service", "mode": "async"} in diff[
        "dependencies_added"
    ]
    owner_change = next(c for c in diff["changes"] if c["path"] == "owner")
    assert owner_change["key"] == "order-service"
    assert owner_change["after"] == "checkout"


def test_a_spec_import_shows_as_removed_and_renamed_services(as_editor, architecture):
    start = current_revision(architecture)
    spec = architecture_to_data(architecture_spec(architecture))
    for service in spec["services"]:
        if service["name"] == "inventory-service":
            service["name"] = "stock-service"
    spec["services"] = [s for s in spec["services"] if s["name"] != "order-service"]
    spec["sagas"] = []
    spec["gateways"][0]["routes"] = [
        r for r in spec["gateways"][0]["routes"] if r["service"] != "order-service"
    ]
    etag = as_editor.get(f"{BASE}spec/")["ETag"]
    response = as_editor.put(f"{BASE}spec/", spec, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.json()

    diff = as_editor.get(f"{BASE}diff/?from={start}").json()

    assert diff["services_renamed"] == [{"from": "inventory-service", "to": "stock-service"}]
    assert "order-service" in diff["services_removed"]
    assert {"section": "sagas", "key": "order-creation"} in diff["objects_removed"]


def test_restoring_gives_back_the_old_revisions_spec_as_a_new_revision(as_editor, architecture):
    old = current_revision(architecture)
    expected = architecture_to_data(architecture_spec(architecture))
    as_editor.delete(f"{BASE}services/order-service/?keep_as_placeholder=true")
    as_editor.patch(f"{BASE}services/inventory-service/", {"owner": "stock"}, format="json")
    assert architecture_to_data(architecture_spec(architecture)) != expected

    response = as_editor.post(f"{HISTORY}{old}/restore/", {"message": "Undo"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["restored_from"] == old
    assert response.json()["message"] == "Undo"
    assert architecture_to_data(architecture_spec(architecture)) == expected
    restore = response.json()["revision"]
    architecture.refresh_from_db()
    assert restore == architecture.revision
    undone = architecture_to_data(spec_at(architecture, restore - 1))
    assert undone != expected  # the state before the restore is still there to go back to


def test_viewers_read_history_but_cannot_restore(as_viewer, architecture):
    assert as_viewer.get(HISTORY).status_code == 200
    assert as_viewer.get(f"{BASE}diff/").status_code == 200

    response = as_viewer.post(f"{HISTORY}{current_revision(architecture)}/restore/")

    assert response.status_code == 403


@pytest.mark.parametrize("method, suffix", [
    ("get", "history/"), ("get", "history/2/"), ("get", "diff/?from=1&to=2"),
    ("post", "history/1/restore/"),
])  # fmt: skip
def test_another_workspace_sees_nothing(as_outsider, architecture, method, suffix):
    response = getattr(as_outsider, method)(f"{BASE}{suffix}")

    assert response.status_code == 404


def test_a_revision_that_never_was_is_not_found(as_editor, architecture):
    assert as_editor.get(f"{HISTORY}999/").status_code == 404
    assert as_editor.post(f"{HISTORY}999/restore/").status_code == 404
    assert as_editor.get(f"{BASE}diff/?from=1&to=999").status_code == 404
    assert as_editor.get(f"{BASE}diff/?from=one").status_code == 400
