"""Saving a form over someone else's change: the conflict page and each way out of it."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from apps.architectures.models import Architecture, Service

from .conftest import SLUG

pytestmark = pytest.mark.django_db

EDIT_URL = reverse("architectures:object-edit", args=["acme", SLUG, "services", "order-service"])
DELETE_URL = reverse(
    "architectures:object-delete", args=["acme", SLUG, "services", "order-service"]
)


class HiddenInputs(HTMLParser):
    """The hidden inputs of a page, as a browser would post them back."""

    def __init__(self, html: str):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden":
            self.values.setdefault(attributes["name"], []).append(attributes.get("value") or "")


def service() -> Service:
    return Service.objects.get(architecture__slug=SLUG, name="order-service")


def form_values(owner: str, description: str) -> dict:
    """The edit form as the user posts it: the stored values, with owner and description."""
    current = service()
    return {
        "name": current.name,
        "domain": current.domain,
        "owner": owner,
        "description": description,
        "datastore": current.datastore or "",
        "responsibilities": "\n".join(current.responsibilities),
        "technologies": "\n".join(f"{k}: {v}" for k, v in current.technologies.items()),
        "version": current.version,
    }


@pytest.fixture
def conflict(architecture, editor, owner, client_for):
    """The editor's save refused because the owner saved the same service in between."""
    mine = form_values("team-mine", "my description")
    theirs = form_values("team-theirs", service().description)
    assert client_for(owner).post(EDIT_URL, theirs).status_code == 302
    response = client_for(editor).post(EDIT_URL, mine)
    assert response.status_code == 409
    return response


def resolve(client, page, **choices) -> object:
    """Post the conflict page back with a choice per field and a button."""
    data = HiddenInputs(page.content.decode()).values
    data.pop("csrfmiddlewaretoken", None)
    button = choices.pop("button", "save")
    data.update({f"choice-{name}": choice for name, choice in choices.items()})
    return client.post(EDIT_URL, {**data, "resolve": button})


def test_the_conflict_page_shows_their_values_beside_mine_for_each_differing_field(conflict):
    html = conflict.content.decode()
    assert "Someone else changed this" in html
    assert 'data-field="owner"' in html and 'data-field="description"' in html
    assert "team-theirs" in html and "team-mine" in html and "my description" in html
    assert 'data-field="name"' not in html  # the same on both sides: nothing to choose
    assert service().owner == "team-theirs"  # nothing of mine was saved


def test_keeping_theirs_for_a_field_and_mine_for_another_saves_that_mix(
    conflict, editor, client_for
):
    response = resolve(client_for(editor), conflict, owner="theirs", description="mine")

    assert response.status_code == 302
    saved = service()
    assert (saved.owner, saved.description) == ("team-theirs", "my description")


def test_keeping_mine_everywhere_saves_my_values(conflict, editor, client_for):
    response = resolve(client_for(editor), conflict, owner="mine", description="mine")

    assert response.status_code == 302
    assert (service().owner, service().description) == ("team-mine", "my description")


def test_re_editing_shows_the_form_with_the_choices_and_the_current_version(
    conflict, editor, client_for
):
    response = resolve(client_for(editor), conflict, owner="theirs", button="edit")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="team-theirs"' in html and "my description" in html
    assert f'name="version" value="{service().version}"' in html
    assert service().description != "my description"  # re-editing saves nothing


def test_a_choice_made_on_a_page_that_went_stale_again_is_a_new_conflict(
    conflict, editor, owner, client_for
):
    client_for(owner).post(EDIT_URL, form_values("team-third", "their second edit"))

    response = resolve(client_for(editor), conflict, owner="mine", description="mine")

    assert response.status_code == 409
    assert "team-third" in response.content.decode()
    assert service().owner == "team-third"


def test_deleting_what_changed_since_the_page_was_drawn_shows_it_and_deletes_nothing(
    architecture, editor, owner, client_for
):
    page = client_for(editor).get(DELETE_URL)
    drawn = HiddenInputs(page.content.decode()).values["version"][0]
    client_for(owner).post(EDIT_URL, form_values("team-new", "changed meanwhile"))

    refused = client_for(editor).post(DELETE_URL, {"version": drawn})

    assert refused.status_code == 409
    assert "changed meanwhile" in refused.content.decode()
    assert Service.objects.filter(architecture=architecture, name="order-service").exists()
    again = HiddenInputs(refused.content.decode()).values["version"][0]
    assert again == str(service().version)


def test_an_architecture_edited_by_two_users_gets_the_conflict_page(
    architecture, editor, owner, client_for
):
    url = reverse("architectures:edit", args=["acme", SLUG])
    version = architecture.version
    posted = {"pattern": "hybrid", "version": version, "slug": SLUG}
    client_for(owner).post(url, {**posted, "name": "Their name"})

    response = client_for(editor).post(url, {**posted, "name": "My name"})

    html = response.content.decode()
    assert response.status_code == 409
    assert "Their name" in html and "My name" in html
    choose = HiddenInputs(html).values
    choose.pop("csrfmiddlewaretoken", None)
    saved = client_for(editor).post(url, {**choose, "choice-name": "mine", "resolve": "save"})
    assert saved.status_code == 302
    assert Architecture.objects.get(pk=architecture.pk).name == "My name"
