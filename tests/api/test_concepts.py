"""The uniform suite: every concept of the registry, every method, every persona.

Each concept's URLs are built from the registry and the reference architecture
(see cases.py); a concept added to the registry without a case fails the first test.
"""

from __future__ import annotations

import pytest

from apps.architectures.concepts import BY_KEY

from .cases import CASES, Case, contains
from .conftest import OTHER_SLUG, REFERENCE_SLUG

pytestmark = pytest.mark.django_db

cases = pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
COLLECTIONS = [case for case in CASES.values() if not case.concept.singleton]
collection_cases = pytest.mark.parametrize("case", COLLECTIONS, ids=[c.key for c in COLLECTIONS])


def test_every_concept_of_the_registry_has_a_case():
    assert set(CASES) == set(BY_KEY)


def create(client, slug: str, case: Case) -> dict:
    """Create the case's new object (PUT for a singleton, after removing the current one)."""
    url = case.collection_url(slug)
    if case.concept.singleton:
        client.delete(url)
        response = client.put(url, case.new, format="json")
    else:
        response = client.post(url, case.new, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def writes(case: Case, object_url: str) -> list[tuple[str, str, dict | None]]:
    """(method, url, body) of every write the concept's URLs accept."""
    found = [
        ("put", object_url, case.replacement),
        ("patch", object_url, case.patch),
        ("delete", object_url, None),
    ]
    if not case.concept.singleton:
        found.append(("post", case.collection_url(REFERENCE_SLUG), case.new))
    return found


@cases
def test_an_editor_creates_reads_replaces_patches_and_deletes(as_editor, architecture, case):
    created = create(as_editor, REFERENCE_SLUG, case)
    assert contains(created, case.new)
    url = case.object_url(REFERENCE_SLUG, created)

    assert as_editor.get(url).json() == created
    if not case.concept.singleton:
        listed = as_editor.get(case.collection_url(REFERENCE_SLUG), {"page_size": 1000}).json()
        assert created in listed["results"]

    replaced = as_editor.put(url, case.replacement, format="json")
    assert replaced.status_code == 200, replaced.json()
    assert contains(replaced.json(), case.replacement)
    url = case.object_url(REFERENCE_SLUG, replaced.json())

    patched = as_editor.patch(url, case.patch, format="json")
    assert patched.status_code == 200, patched.json()
    assert contains(patched.json(), case.patch)
    url = case.object_url(REFERENCE_SLUG, patched.json())
    assert as_editor.get(url).json() == patched.json()

    assert as_editor.delete(url).status_code == 204
    assert as_editor.get(url).status_code == 404


@collection_cases
def test_a_created_object_is_announced_at_its_url(as_editor, architecture, case):
    response = as_editor.post(case.collection_url(REFERENCE_SLUG), case.new, format="json")
    assert response["Location"].endswith(case.object_url(REFERENCE_SLUG, response.json()))


@cases
def test_a_viewer_reads_but_cannot_write(as_editor, as_viewer, architecture, case):
    url = case.object_url(REFERENCE_SLUG, create(as_editor, REFERENCE_SLUG, case))

    assert as_viewer.get(url).status_code == 200
    if not case.concept.singleton:
        assert as_viewer.get(case.collection_url(REFERENCE_SLUG)).status_code == 200
    for method, target, body in writes(case, url):
        response = getattr(as_viewer, method)(target, body, format="json")
        assert response.status_code == 403, (method, response.json())
        assert response.json()["code"] == "permission_denied"
    if case.concept.ordered:
        reorder = as_viewer.post(f"{case.collection_url(REFERENCE_SLUG)}reorder/", {"order": []})
        assert reorder.status_code == 403
    assert as_viewer.get(url).status_code == 200  # still there


@cases
@pytest.mark.parametrize(
    ("intruder", "owner_of_object", "slug"),
    [("outsider", "editor", REFERENCE_SLUG), ("editor", "outsider", OTHER_SLUG)],
    ids=["outsider-on-acme", "member-on-other-workspace"],
)
def test_outsiders_get_404_for_every_method(
    as_editor, as_outsider, architecture, other_architecture, case, intruder, owner_of_object, slug
):
    clients = {"editor": as_editor, "outsider": as_outsider}
    url = case.object_url(slug, create(clients[owner_of_object], slug, case))
    client = clients[intruder]

    requests = [("get", url, None), *writes(case, url)]
    if not case.concept.singleton:
        requests.append(("get", case.collection_url(slug), None))
    requests = [(m, u.replace(REFERENCE_SLUG, slug), b) for m, u, b in requests]
    if case.concept.ordered:
        requests.append(("post", f"{case.collection_url(slug)}reorder/", {"order": []}))
    for method, target, body in requests:
        response = getattr(client, method)(target, body, format="json")
        assert response.status_code == 404, (method, target, response.json())
    assert clients[owner_of_object].get(url).status_code == 200  # untouched


@cases
def test_anonymous_requests_get_401_with_the_scheme_to_use(as_anonymous, architecture, case):
    url = case.collection_url(REFERENCE_SLUG)
    for method in ("get", "post", "put", "patch", "delete"):
        response = getattr(as_anonymous, method)(url, case.new, format="json")
        assert response.status_code == 401, method
        assert response["WWW-Authenticate"] == "Token"
        assert response.json()["code"] == "not_authenticated"
