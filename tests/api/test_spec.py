"""GET and PUT of a whole architecture as its spec document."""

from __future__ import annotations

import json
import time

import pytest
import yaml

from apps.architectures.models import Architecture
from apps.architectures.services import create_architecture
from apps.workspaces.models import Role
from apps.workspaces.services import create_workspace, set_membership
from microservices.spec import dump_data
from microservices.spec.model import ArchitectureFields
from tests.fixtures import reference_microservices

from .conftest import REFERENCE_SLUG

pytestmark = pytest.mark.django_db

SPEC_URL = f"/api/architectures/{REFERENCE_SLUG}/spec/"


def put_document(client, url: str, text: str, content_type: str = "application/yaml"):
    """PUT as a client replacing what it has just read (its ETag in If-Match), if anything."""
    etag = client.head(url).get("ETag")
    precondition = {"HTTP_IF_MATCH": etag} if etag else {}
    return client.generic("PUT", url, text.encode(), content_type=content_type, **precondition)


@pytest.fixture
def reference_dict() -> dict:
    return reference_microservices().to_dict()


def test_the_spec_is_the_reference_example_as_the_python_client_writes_it(
    as_viewer, architecture, reference_dict
):
    response = as_viewer.get(SPEC_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == reference_dict


@pytest.mark.parametrize("ask", [{"HTTP_ACCEPT": "application/yaml"}, {"format": "yaml"}])
def test_the_spec_comes_as_yaml_when_asked(as_viewer, architecture, reference_dict, ask):
    query = {"format": ask.pop("format")} if "format" in ask else {}
    response = as_viewer.get(SPEC_URL, query, **ask)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    assert yaml.safe_load(response.content) == reference_dict


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("json", "application/json"), ("yaml", "application/yaml")]
)
def test_putting_the_reference_example_creates_it_and_reads_back_identical(
    as_editor, reference_dict, fmt, content_type
):
    response = put_document(as_editor, SPEC_URL, dump_data(reference_dict, fmt), content_type)

    assert response.status_code == 201, response.json()
    summary = response.json()
    assert summary["slug"] == REFERENCE_SLUG
    assert summary["workspace"] == "acme"
    assert summary["created"] > 0
    assert summary["deleted"] == 0
    assert as_editor.get(SPEC_URL).json() == reference_dict


def test_putting_the_same_document_again_replaces_it_with_nothing_to_change(
    as_editor, architecture, reference_dict
):
    before = Architecture.objects.get(pk=architecture.pk).revision

    response = put_document(as_editor, SPEC_URL, dump_data(reference_dict, "yaml"))

    assert response.status_code == 200
    assert response.json() == {
        "slug": REFERENCE_SLUG,
        "workspace": "acme",
        "revision": before,  # nothing changed: no new revision
        "created": 0,
        "updated": 0,
        "deleted": 0,
    }


def test_replacing_reports_what_was_created_updated_and_deleted(
    as_editor, architecture, reference_dict
):
    document = json.loads(json.dumps(reference_dict))
    document["services"] = [s for s in document["services"] if s["name"] != "inventory-service"]
    assert document["services"][0]["name"] == "auth-service"
    document["services"][0] = {"name": "auth-service", "domain": "identity"}  # now defined
    document["sagas"] = []

    response = put_document(as_editor, SPEC_URL, json.dumps(document), "application/json")

    assert response.status_code == 200, response.json()
    counts = response.json()
    assert counts["updated"] >= 1
    assert counts["deleted"] >= 1  # the saga (its steps go with it)
    spec = as_editor.get(SPEC_URL).json()
    assert "sagas" not in spec
    assert {"name": "inventory-service", "placeholder": True} in spec["services"]  # still named


def test_the_url_slug_wins_over_the_documents_slug(as_editor, reference_dict):
    response = put_document(as_editor, "/api/architectures/shop/spec/", json.dumps(reference_dict))

    assert response.status_code == 201
    assert response.json()["slug"] == "shop"
    assert as_editor.get("/api/architectures/shop/spec/").json()["slug"] == "shop"
    assert as_editor.get(SPEC_URL).status_code == 404


def test_a_url_slug_that_is_not_a_dns_label_is_refused(as_editor, reference_dict):
    response = put_document(
        as_editor, "/api/architectures/Shop_1/spec/", json.dumps(reference_dict)
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "slug"


@pytest.mark.parametrize("slug", ["members", "audit"])
def test_slugs_of_workspace_pages_are_refused(as_editor, reference_dict, slug):
    response = put_document(
        as_editor, f"/api/architectures/{slug}/spec/", json.dumps(reference_dict)
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "slug"
    assert "reserved" in response.json()["errors"][0]["message"]


def test_a_viewer_cannot_put_a_spec(as_viewer, architecture, reference_dict):
    response = put_document(as_viewer, SPEC_URL, json.dumps(reference_dict))
    assert response.status_code == 403


def test_a_user_who_only_views_cannot_create_by_put(as_viewer, reference_dict):
    response = put_document(as_viewer, "/api/architectures/shop/spec/", json.dumps(reference_dict))
    assert response.status_code == 403


def test_an_outsider_pushing_the_same_slug_creates_their_own_and_leaves_ours(
    as_outsider, as_editor, architecture, reference_dict
):
    document = {**reference_dict, "services": [], "gateways": [], "sagas": []}
    document.pop("circuit_breakers"), document.pop("retry_policies")

    response = put_document(as_outsider, SPEC_URL, json.dumps(document))

    assert response.status_code == 201
    assert response.json()["workspace"] == "globex"
    assert as_editor.get(SPEC_URL).json() == reference_dict


def test_creating_needs_the_workspace_named_when_the_user_edits_several(
    as_editor, editor, owner, reference_dict
):
    second = create_workspace(actor=owner, name="Beta", slug="beta")
    set_membership(workspace=second, user=editor, role=Role.EDITOR)
    text = json.dumps(reference_dict)

    refused = put_document(as_editor, SPEC_URL, text)
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["workspace"]

    created = put_document(as_editor, SPEC_URL + "?workspace=beta", text)
    assert created.status_code == 201
    assert created.json()["workspace"] == "beta"


def test_creating_in_a_workspace_that_is_not_yours_is_a_404_on_workspace(
    as_editor, other_workspace, reference_dict
):
    response = put_document(as_editor, SPEC_URL + "?workspace=globex", json.dumps(reference_dict))

    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "workspace"


# --- bad documents change nothing -----------------------------------------------------


@pytest.fixture
def spec_before(as_editor, architecture):
    """The stored spec's bytes and revision, to compare after a refused PUT."""
    return as_editor.get(SPEC_URL, {"format": "yaml"}).content, architecture.revision


def assert_unchanged(as_editor, architecture, spec_before):
    assert as_editor.get(SPEC_URL, {"format": "yaml"}).content == spec_before[0]
    assert Architecture.objects.get(pk=architecture.pk).revision == spec_before[1]


def test_a_yaml_syntax_error_is_reported_with_its_line(as_editor, architecture, spec_before):
    text = "apiVersion: microservices-designer/v1\nkind: Architecture\nname: [unclosed\n"

    response = put_document(as_editor, SPEC_URL, text)

    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["message"].startswith("invalid YAML")
    assert error["line"] >= 3
    assert_unchanged(as_editor, architecture, spec_before)


def test_a_json_syntax_error_is_reported_with_its_line(as_editor, architecture, spec_before):
    text = '{\n  "apiVersion": "microservices-designer/v1",\n  "name": oops\n}'

    response = put_document(as_editor, SPEC_URL, text, "application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["line"] == 3
    assert_unchanged(as_editor, architecture, spec_before)


def test_field_errors_name_the_field_and_the_line(as_editor, architecture, spec_before):
    document = dump_data(reference_microservices().to_dict(), "yaml")
    document = document.replace("name: inventory-service", "name: Inventory_Service")
    line = next(n for n, text in enumerate(document.splitlines(), 1) if "Inventory_Service" in text)

    response = put_document(as_editor, SPEC_URL, document)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[0]["field"] == "services[1].name"
    assert errors[0]["line"] == line
    assert_unchanged(as_editor, architecture, spec_before)


def test_a_wrong_api_version_is_refused(as_editor, architecture, spec_before):
    document = {**reference_microservices().to_dict(), "apiVersion": "microservices-designer/v9"}

    response = put_document(as_editor, SPEC_URL, json.dumps(document), "application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "apiVersion"
    assert_unchanged(as_editor, architecture, spec_before)


def test_a_body_over_the_limit_is_413_naming_the_limit(
    as_editor, architecture, spec_before, settings
):
    settings.SPEC_UPLOAD_MAX_BYTES = 2000
    document = dump_data(reference_microservices().to_dict(), "yaml")
    assert len(document.encode()) > 2000

    response = put_document(as_editor, SPEC_URL, document)

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert "2,000 bytes" in response.json()["detail"]
    assert_unchanged(as_editor, architecture, spec_before)


def test_an_alias_bomb_is_refused_quickly(as_editor, architecture, spec_before):
    lines = ["apiVersion: microservices-designer/v1", "kind: Architecture", 'a0: &a0 ["x","x"]']
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    started = time.monotonic()

    response = put_document(as_editor, SPEC_URL, "\n".join(lines))

    assert response.status_code == 400
    assert "values" in response.json()["detail"]
    assert time.monotonic() - started < 5  # refused while counting, never expanded
    assert_unchanged(as_editor, architecture, spec_before)


def test_a_body_that_is_not_utf8_is_refused(as_editor, architecture, spec_before):
    response = as_editor.generic(
        "PUT", SPEC_URL, b"name: \xff\xfe", content_type="application/yaml"
    )

    assert response.status_code == 400
    assert_unchanged(as_editor, architecture, spec_before)


def test_a_document_that_fails_while_being_stored_changes_nothing(
    as_editor, architecture, owner, workspace, spec_before
):
    create_architecture(
        actor=owner, workspace=workspace, fields=ArchitectureFields(name="Taken Name")
    )
    document = reference_microservices().to_dict()
    document["name"] = "Taken Name"  # valid, but taken: found only after the rows were synced
    document["services"][0] = {"name": "auth-service", "domain": "identity"}

    response = put_document(as_editor, SPEC_URL, json.dumps(document), "application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "name"
    assert_unchanged(as_editor, architecture, spec_before)
