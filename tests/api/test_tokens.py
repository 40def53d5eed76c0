"""API tokens: the key is shown once, lists never show it, revoked and expired keys fail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.models import ApiToken
from apps.accounts.services import create_token

pytestmark = pytest.mark.django_db

TOKENS = "/api/tokens/"


def client_with_key(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_new_token_shows_its_key_once(as_editor):
    response = as_editor.post(TOKENS, {"name": "ci"}, format="json")

    assert response.status_code == 201
    created = response.json()
    assert created["key"].startswith(created["prefix"])
    assert created["revoked"] is False
    listed = as_editor.get(TOKENS).json()
    assert created["id"] in [token["id"] for token in listed]
    assert all("key" not in token for token in listed)
    assert created["key"] not in str(listed)
    assert client_with_key(created["key"]).get("/api/workspaces/").status_code == 200


def test_the_list_holds_only_the_users_own_tokens(as_editor, as_viewer):
    as_viewer.post(TOKENS, {"name": "viewer's"}, format="json")

    names = [token["name"] for token in as_editor.get(TOKENS).json()]

    assert "viewer's" not in names


def test_a_revoked_key_fails_with_401(as_editor):
    created = as_editor.post(TOKENS, {"name": "laptop"}, format="json").json()
    client = client_with_key(created["key"])

    assert as_editor.delete(f"{TOKENS}{created['id']}/").status_code == 204

    response = client.get("/api/workspaces/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    listed = {token["id"]: token for token in as_editor.get(TOKENS).json()}
    assert listed[created["id"]]["revoked"] is True


def test_an_expired_key_fails_with_401(editor, workspace):
    token, key = create_token(
        actor=editor, name="old", expires_at=timezone.now() + timedelta(hours=1)
    )
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client_with_key(key).get("/api/workspaces/").status_code == 401


def test_a_token_can_expire_at_a_future_date(as_editor):
    when = (timezone.now() + timedelta(days=30)).isoformat()

    response = as_editor.post(TOKENS, {"name": "month", "expires_at": when}, format="json")

    assert response.status_code == 201
    assert response.json()["expires_at"] is not None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "past", "expires_at": "2000-01-01T00:00:00Z"}, "expires_at"),
        ({"name": "when", "expires_at": "tomorrow"}, "expires_at"),
    ],
)
def test_an_invalid_new_token_is_a_400_naming_the_field(as_editor, body, field):
    response = as_editor.post(TOKENS, body, format="json")

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_another_users_token_is_a_404_and_stays_valid(as_editor, viewer):
    token, key = create_token(actor=viewer, name="viewer's")

    assert as_editor.delete(f"{TOKENS}{token.pk}/").status_code == 404
    assert client_with_key(key).get("/api/workspaces/").status_code == 200


def test_a_malformed_or_unknown_key_fails_with_401(as_anonymous):
    assert client_with_key("msd_nope").get(TOKENS).status_code == 401
    as_anonymous.credentials(HTTP_AUTHORIZATION="Token two parts")
    assert as_anonymous.get(TOKENS).status_code == 401


def test_anonymous_requests_to_tokens_are_401(as_anonymous):
    assert as_anonymous.get(TOKENS).status_code == 401
    assert as_anonymous.post(TOKENS, {"name": "x"}, format="json").status_code == 401
