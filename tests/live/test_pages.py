"""Architecture pages load the live updates; the polling fallback answers members only."""

import pytest

from .scenarios import change_a_service

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", ["", "services/order-service/", "diagrams/"])
def test_an_architecture_page_opens_its_socket(client_for, viewer, architecture, suffix):
    page = client_for(viewer).get(f"/w/acme/{architecture.slug}/{suffix}", follow=True)

    assert page.status_code == 200
    text = page.content.decode()
    assert f'data-socket-path="/ws/architectures/{architecture.pk}/"' in text
    assert "live/live.js" in text


def test_a_workspace_page_has_no_socket(client_for, owner, architecture):
    page = client_for(owner).get("/w/acme/")

    assert page.status_code == 200
    assert "data-socket-path" not in page.content.decode()


def test_the_revision_endpoint_gives_a_member_the_current_revision(
    client_for, viewer, owner, architecture, committed
):
    revision = committed(change_a_service, owner, architecture)

    answer = client_for(viewer).get(f"/live/architectures/{architecture.pk}/revision/")

    assert answer.status_code == 200
    assert answer.json() == {
        "revision": revision,
        "actor": owner.username,
        "summary": f"{owner.username} changed order-service",
    }


def test_the_revision_endpoint_hides_the_architecture_from_another_workspace(
    client_for, outsider, architecture
):
    answer = client_for(outsider).get(f"/live/architectures/{architecture.pk}/revision/")

    assert answer.status_code == 404


def test_the_revision_endpoint_asks_an_anonymous_visitor_to_log_in(client_for, architecture):
    answer = client_for(None).get(f"/live/architectures/{architecture.pk}/revision/")

    assert answer.status_code == 302
