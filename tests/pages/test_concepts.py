"""Every concept of the registry through its pages: create, edit, delete, and who may.

One case per concept (tests/pages/cases.py); a concept without a case fails the
first test, so a new concept cannot go without its pages being exercised.
"""

from __future__ import annotations

from typing import Any

import pytest

from apps.architectures.concepts import CONCEPTS
from apps.architectures.models import Architecture

from .cases import (
    CASES,
    Case,
    existing_key,
    new_url,
    object_url,
    objects_of,
    url_key,
)
from .helpers import page_of, revision

pytestmark = pytest.mark.django_db


def test_every_concept_of_the_registry_has_a_case():
    assert sorted(case.key for case in CASES) == sorted(concept.key for concept in CONCEPTS)


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and key != "technologies":
            flat.update(_flat(value, f"{prefix}{key}_"))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _matches(posted: Any, stored: Any) -> bool:
    if isinstance(stored, bool):
        return stored == (posted == "on")
    if isinstance(stored, int | float):
        return float(posted) == float(stored)
    if isinstance(stored, list):
        items = posted if isinstance(posted, list) else posted.splitlines()
        return [str(item) for item in stored] == items
    if isinstance(stored, dict):
        return True  # mappings are checked through Case.check
    return str(posted) == str(stored)


def assert_holds(posted: dict[str, Any], data: dict[str, Any]) -> None:
    """What the form posted is what the object now holds."""
    flat = _flat(data)
    for name, value in posted.items():
        if name.startswith("canary_") and posted.get("strategy") != "canary":
            assert name not in flat  # canary settings are dropped with another strategy
            continue
        assert name in flat and _matches(value, flat[name]), (name, value, flat.get(name))


def the_object(case: Case, architecture: Architecture, posted: dict[str, Any]) -> dict[str, Any]:
    found = objects_of(case, architecture, case.parent)
    if not case.concept.singleton:
        found = [
            d for d in found if d[case.concept.natural_key] == posted[case.concept.natural_key]
        ]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_an_editor_creates_edits_and_deletes_an_object(
    case, architecture, owner, editor, client_for
):
    if case.prepare:
        case.prepare(architecture, owner)
    client = client_for(editor)
    parent_page = page_of(architecture, case.parent)

    form = client.get(new_url(case, architecture))
    assert form.status_code == 200
    assert b'<form method="post" class="object-form">' in form.content

    created = client.post(new_url(case, architecture), case.new)
    assert created.status_code == 302, created.content.decode()[:3000]
    assert created["Location"] == parent_page
    data = the_object(case, architecture, case.new)
    assert_holds(case.new, data)
    for key, value in case.check.items():
        assert data[key] == value

    key = url_key(case, data)
    edit = client.get(object_url(case, architecture, "edit", key, case.parent))
    assert edit.status_code == 200
    changed = client.post(object_url(case, architecture, "edit", key, case.parent), case.changed)
    assert changed.status_code == 302, changed.content.decode()[:3000]
    data = the_object(case, architecture, case.changed)
    assert_holds(case.changed, data)

    key = url_key(case, data)
    confirm = client.get(object_url(case, architecture, "delete", key, case.parent))
    assert confirm.status_code == 200
    deleted = client.post(object_url(case, architecture, "delete", key, case.parent))
    assert deleted.status_code == 302
    remaining = objects_of(case, architecture, case.parent)
    assert all(url_key(case, d) != key for d in remaining) if key else remaining == []


def write_urls(case: Case, architecture: Architecture) -> list[str]:
    key = existing_key(case, architecture)
    return [
        new_url(case, architecture, case.existing_parent),
        object_url(case, architecture, "edit", key, case.existing_parent),
        object_url(case, architecture, "delete", key, case.existing_parent),
    ]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_viewer_sees_the_objects_but_cannot_create_edit_or_delete(
    case, architecture, owner, viewer, client_for
):
    if case.prepare:
        case.prepare(architecture, owner)
    client = client_for(viewer)
    assert client.get(page_of(architecture, case.existing_parent)).status_code == 200
    before = revision(architecture)
    for url in write_urls(case, architecture):
        assert client.get(url).status_code == 403, url
        assert client.post(url, case.new).status_code == 403, url
    assert revision(architecture) == before


@pytest.mark.parametrize("case", CASES, ids=str)
def test_an_outsider_finds_no_page_of_the_concept(case, architecture, owner, outsider, client_for):
    if case.prepare:
        case.prepare(architecture, owner)
    client = client_for(outsider)
    assert client.get(page_of(architecture, case.existing_parent)).status_code == 404
    for url in write_urls(case, architecture):
        assert client.get(url).status_code == 404, url
        assert client.post(url, case.new).status_code == 404, url


@pytest.mark.parametrize("case", CASES, ids=str)
def test_an_anonymous_visitor_is_sent_to_log_in(case, architecture, owner, client_for):
    if case.prepare:
        case.prepare(architecture, owner)
    client = client_for(None)
    for url in [page_of(architecture, case.existing_parent), *write_urls(case, architecture)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next=")
