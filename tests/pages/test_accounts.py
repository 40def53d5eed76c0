"""Signing up, logging in and out, and API tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import ApiToken, hash_key
from apps.accounts.services import create_token
from apps.workspaces.models import Membership, Role

pytestmark = pytest.mark.django_db


def test_signing_up_creates_the_user_and_a_workspace_they_own(client):
    response = client.post(
        reverse("signup"),
        {"username": "newton", "password1": "gravity-falls-42", "password2": "gravity-falls-42"},
    )
    user = User.objects.get(username="newton")
    membership = Membership.objects.get(user=user)
    assert membership.role == Role.OWNER
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace", args=[membership.workspace.slug])
    assert client.get(reverse("home")).status_code == 200  # signed in


def test_a_bad_sign_up_creates_nothing(client):
    response = client.post(
        reverse("signup"), {"username": "newton", "password1": "a", "password2": "b"}
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="newton").exists()


def test_logging_in_leads_home_and_logging_out_leads_to_the_login_page(client, owner):
    page = client.get(reverse("login"))
    assert page.status_code == 200 and 'name="password"' in page.content.decode()
    response = client.post(reverse("login"), {"username": "olivia", "password": "pw-olivia"})
    assert response["Location"] == reverse("home")
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_a_new_token_s_key_is_shown_once(owner, client_for):
    client = client_for(owner)
    response = client.post(reverse("tokens"), {"name": "CI pipeline", "expires_in": "30"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=owner)
    key = response.context["new_key"]
    assert hash_key(key) == token.key_hash
    assert key in response.content.decode()
    assert token.expires_at > timezone.now() + timedelta(days=29)
    again = client.get(reverse("tokens")).content.decode()
    assert key not in again and token.prefix in again and "CI pipeline" in again


def test_a_token_without_a_name_is_refused(owner, client_for):
    response = client_for(owner).post(reverse("tokens"), {"name": ""})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_the_token_list_shows_the_status_of_each(owner, client_for):
    create_token(actor=owner, name="live")
    create_token(actor=owner, name="old", expires_at=timezone.now() - timedelta(days=1))
    html = client_for(owner).get(reverse("tokens")).content.decode()
    assert "badge-ok" in html and ">expired<" in html


def test_revoking_a_token_stops_it(owner, client_for):
    token, _ = create_token(actor=owner, name="laptop")
    response = client_for(owner).post(reverse("token-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_someone_else_s_token(owner, outsider, client_for):
    token, _ = create_token(actor=owner, name="laptop")
    response = client_for(outsider).post(reverse("token-revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_tokens_belong_to_their_user_only(owner, outsider, client_for):
    create_token(actor=owner, name="olivia's laptop")
    assert "olivia&#x27;s laptop" not in client_for(outsider).get(reverse("tokens")).text
