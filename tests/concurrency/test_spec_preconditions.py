"""The whole spec: its ETag is the architecture's revision, and replacing it needs If-Match."""

from __future__ import annotations

import json

import pytest

from apps.accounts.services import create_token
from apps.architectures.models import Architecture
from microservices.remote import StaleVersionError
from tests.fixtures import reference_microservices

from .conftest import SERVICE_URL, SLUG, SPEC_URL

pytestmark = pytest.mark.django_db


def put_spec(client, document: dict, url: str = SPEC_URL, **headers):
    body = json.dumps(document).encode()
    return client.generic("PUT", url, body, content_type="application/json", **headers)


def revision(architecture: Architecture) -> int:
    return Architecture.objects.values_list("revision", flat=True).get(pk=architecture.pk)


def test_replacing_an_existing_architecture_without_if_match_is_428_naming_the_header(
    as_editor, architecture
):
    document = as_editor.get(SPEC_URL).json()
    before = revision(architecture)

    response = put_spec(as_editor, {**document, "description": "blind"})

    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    assert response.json()["errors"][0]["field"] == "If-Match"
    assert revision(architecture) == before


def test_replacing_with_the_current_etag_succeeds_and_answers_the_next_one(as_editor, architecture):
    read = as_editor.get(SPEC_URL)

    response = put_spec(
        as_editor, {**read.json(), "description": "new"}, HTTP_IF_MATCH=read["ETag"]
    )

    assert response.status_code == 200
    assert response["ETag"] != read["ETag"]
    assert as_editor.get(SPEC_URL)["ETag"] == response["ETag"]


def test_any_change_in_the_architecture_makes_the_spec_etag_stale(as_editor, architecture):
    read = as_editor.get(SPEC_URL)
    as_editor.patch(SERVICE_URL, {"owner": "someone-else"}, format="json")

    response = put_spec(as_editor, read.json(), HTTP_IF_MATCH=read["ETag"])

    assert response.status_code == 412
    assert response.json()["etag"] == as_editor.get(SPEC_URL)["ETag"]
    assert as_editor.get(SERVICE_URL).json()["owner"] == "someone-else"


def test_creating_by_put_needs_no_precondition_and_accepts_if_none_match_star(as_editor, workspace):
    document = reference_microservices().to_dict()
    created = put_spec(as_editor, document, "/api/architectures/fresh/spec/")
    assert created.status_code == 201

    again = put_spec(
        as_editor,
        {**document, "name": "Another"},
        "/api/architectures/other/spec/",
        HTTP_IF_NONE_MATCH="*",
    )
    assert again.status_code == 201


def test_if_none_match_star_refuses_to_replace_an_existing_architecture(as_editor, architecture):
    document = as_editor.get(SPEC_URL).json()
    response = put_spec(as_editor, document, HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 412


def test_if_match_on_an_architecture_that_does_not_exist_is_412(as_editor, workspace):
    document = reference_microservices().to_dict()
    response = put_spec(
        as_editor, document, "/api/architectures/nothing/spec/", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 412
    assert not Architecture.objects.filter(slug="nothing").exists()


def test_the_python_client_pushes_over_an_existing_architecture_and_reports_a_stale_one(
    live_server, editor, workspace
):
    key = create_token(actor=editor, name="client")[1]
    ms = reference_microservices()
    ms.push(live_server.url, key)
    ms.create_service(service_name="payment-service", domain="payments")

    replaced = ms.push(live_server.url, key)  # reads the current ETag by itself
    assert replaced["updated"] == 1
    with pytest.raises(StaleVersionError) as stale:
        ms.push(live_server.url, key, if_match='"1"')

    assert stale.value.status == 412
    assert "changed on the server" in str(stale.value)
    assert stale.value.etag == f'"{Architecture.objects.get(slug=SLUG).revision}"'
