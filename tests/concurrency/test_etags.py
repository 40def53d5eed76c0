"""ETags and If-Match on single objects and architectures: stale writes are refused."""

from __future__ import annotations

import pytest

from apps.architectures.models import Endpoint, Service

from .conftest import API, SERVICE_URL

pytestmark = pytest.mark.django_db

ENDPOINT_URL = f"{SERVICE_URL}endpoints/"
MESH_URL = f"{API}/mesh/"


def patch(client, url: str, body: dict, **headers):
    return client.patch(url, body, format="json", **headers)


def test_it_answers_an_etag_for_every_object_read(as_editor, architecture):
    for url in (SERVICE_URL, f"{API}/", f"{API}/gateways/api-gateway/"):
        response = as_editor.get(url)
        assert response.status_code == 200
        assert response["ETag"].startswith('"') and response["ETag"].endswith('"')


def test_the_etag_changes_with_every_write_and_the_write_answers_the_new_one(
    as_editor, architecture
):
    before = as_editor.get(SERVICE_URL)["ETag"]

    response = patch(as_editor, SERVICE_URL, {"owner": "team-z"}, HTTP_IF_MATCH=before)

    assert response.status_code == 200
    assert response["ETag"] != before
    assert as_editor.get(SERVICE_URL)["ETag"] == response["ETag"]


def test_a_stale_if_match_is_refused_with_412_and_the_current_etag(as_editor, architecture):
    stale = as_editor.get(SERVICE_URL)["ETag"]
    current = patch(as_editor, SERVICE_URL, {"owner": "team-a"}, HTTP_IF_MATCH=stale)["ETag"]

    response = patch(as_editor, SERVICE_URL, {"owner": "team-b"}, HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    body = response.json()
    assert body["status"] == 412 and body["code"] == "precondition_failed"
    assert body["etag"] == current == response["ETag"]
    assert body["errors"][0]["field"] == "If-Match"
    assert Service.objects.get(architecture=architecture, name="order-service").owner == "team-a"


@pytest.mark.parametrize("method", ["put", "delete"])
def test_put_and_delete_honour_if_match_too(as_editor, architecture, method):
    endpoint = Endpoint.objects.filter(service__architecture=architecture).first()
    url = f"/api/architectures/{architecture.slug}/services/{endpoint.service.name}/endpoints/{endpoint.pk}/"
    body = {key: value for key, value in as_editor.get(url).json().items() if key != "id"}
    stale = f'"{endpoint.version - 1}"'

    response = getattr(as_editor, method)(url, body, format="json", HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert response.json()["version"] == endpoint.version
    assert Endpoint.objects.filter(pk=endpoint.pk, version=endpoint.version).exists()


def test_writes_without_if_match_are_allowed_for_single_objects(as_editor, architecture):
    response = patch(as_editor, SERVICE_URL, {"owner": "team-c"})
    assert response.status_code == 200


def test_if_match_star_and_a_list_containing_the_current_etag_are_accepted(as_editor, architecture):
    current = as_editor.get(SERVICE_URL)["ETag"]
    assert patch(as_editor, SERVICE_URL, {"owner": "a"}, HTTP_IF_MATCH="*").status_code == 200
    current = as_editor.get(SERVICE_URL)["ETag"]
    listed = f'"0", {current}'
    assert patch(as_editor, SERVICE_URL, {"owner": "b"}, HTTP_IF_MATCH=listed).status_code == 200


def test_a_weak_etag_never_matches(as_editor, architecture):
    current = as_editor.get(SERVICE_URL)["ETag"]
    response = patch(as_editor, SERVICE_URL, {"owner": "x"}, HTTP_IF_MATCH=f"W/{current}")
    assert response.status_code == 412


def test_edits_to_different_objects_of_one_architecture_do_not_conflict(as_editor, architecture):
    other_url = f"{API}/services/payment-service/"
    first = as_editor.get(SERVICE_URL)["ETag"]
    second = as_editor.get(other_url)["ETag"]

    assert patch(as_editor, SERVICE_URL, {"owner": "a"}, HTTP_IF_MATCH=first).status_code == 200
    assert patch(as_editor, other_url, {"owner": "b"}, HTTP_IF_MATCH=second).status_code == 200


def test_a_change_to_a_child_changes_its_parents_etag(as_editor, architecture):
    """A service's representation carries its endpoints: replacing it from a copy read
    before an endpoint changed would undo that change."""
    before = as_editor.get(SERVICE_URL)["ETag"]
    endpoint = as_editor.get(ENDPOINT_URL).json()["results"][0]

    changed = patch(as_editor, f"{ENDPOINT_URL}{endpoint['id']}/", {"path": "/renamed"})

    assert changed.status_code == 200
    assert as_editor.get(SERVICE_URL)["ETag"] != before
    response = patch(as_editor, SERVICE_URL, {"owner": "x"}, HTTP_IF_MATCH=before)
    assert response.status_code == 412


def test_an_architectures_own_fields_have_an_etag_honoured_by_if_match(as_editor, architecture):
    url = f"{API}/"
    stale = as_editor.get(url)["ETag"]
    assert patch(as_editor, url, {"description": "one"}, HTTP_IF_MATCH=stale).status_code == 200

    response = patch(as_editor, url, {"description": "two"}, HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert as_editor.get(url).json()["description"] == "one"
    assert as_editor.delete(url, HTTP_IF_MATCH=stale).status_code == 412
