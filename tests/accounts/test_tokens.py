"""API tokens: expiry by days or by date, their events on the tokens page and over the
API, and no key ever in the audit log or the logs."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import ApiToken
from apps.accounts.services import create_token, revoke_token
from apps.workspaces.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

TOKENS_PAGE = reverse("tokens")


def token_events(user) -> list[str]:
    return list(
        AuditEvent.objects.filter(subject=user).order_by("pk").values_list("action", flat=True)
    )


def test_a_token_valid_until_a_date_works_all_that_day(owner, client_for):
    day = timezone.localdate() + timedelta(days=10)

    response = client_for(owner).post(TOKENS_PAGE, {"name": "demo", "expires_on": day})

    assert response.status_code == 200
    expires_at = timezone.localtime(ApiToken.objects.get(user=owner).expires_at)
    assert (expires_at.date(), expires_at.hour, expires_at.minute) == (day, 23, 59)


@pytest.mark.parametrize(
    ("posted", "field"),
    [
        ({"expires_on": date(2000, 1, 1)}, "expires_on"),
        ({"expires_on": timezone.localdate() + timedelta(days=4000)}, "expires_on"),
        (
            {"expires_in": "30", "expires_on": timezone.localdate() + timedelta(days=3)},
            "expires_on",
        ),
        ({"expires_in": "12"}, "expires_in"),
    ],
)
def test_an_impossible_expiry_is_refused_next_to_its_field(owner, client_for, posted, field):
    response = client_for(owner).post(TOKENS_PAGE, {"name": "demo", **posted})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert not ApiToken.objects.exists()


def test_the_tokens_page_lists_what_happened_to_the_users_tokens(owner, outsider, client_for):
    token, _ = create_token(actor=owner, name="laptop")
    revoke_token(actor=owner, token=token)
    create_token(actor=outsider, name="oscar-ci")

    html = client_for(owner).get(TOKENS_PAGE).content.decode()

    revoked = html.index("olivia revoked the API token “laptop”")
    created = html.index("olivia created the API token “laptop”")
    assert revoked < created
    assert "oscar-ci" not in html


def test_revoking_twice_logs_one_revocation(owner, client_for):
    token, _ = create_token(actor=owner, name="laptop")
    client = client_for(owner)

    client.post(reverse("token-revoke", args=[token.pk]))
    response = client.post(reverse("token-revoke", args=[token.pk]), follow=True)

    assert token_events(owner) == [AuditAction.TOKEN_CREATED, AuditAction.TOKEN_REVOKED]
    assert "was revoked already" in response.content.decode()


def test_no_key_or_part_of_it_reaches_the_audit_log_or_the_logs(owner, client_for, caplog):
    caplog.set_level(logging.DEBUG)
    client = client_for(owner)

    response = client.post(TOKENS_PAGE, {"name": "ci", "expires_in": "7"})
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=owner)
    client.post(reverse("token-revoke", args=[token.pk]))

    stored = str(list(AuditEvent.objects.values()))
    assert "'name': 'ci'" in stored
    for secret in (key, key[len("msd_") :], token.key_hash, token.prefix):
        assert secret not in stored
        assert secret not in caplog.text


def test_the_api_accepts_an_expiry_in_days(as_editor):
    response = as_editor.post("/api/tokens/", {"name": "week", "expires_in_days": 7}, format="json")

    assert response.status_code == 201
    expires_at = ApiToken.objects.get(pk=response.json()["id"]).expires_at
    assert timedelta(days=6, hours=23) < expires_at - timezone.now() <= timedelta(days=7)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "expires_in_days": 0}, "expires_in_days"),
        ({"name": "x", "expires_in_days": 4000}, "expires_in_days"),
        (
            {"name": "x", "expires_in_days": 7, "expires_at": "2030-01-01T00:00:00Z"},
            "expires_in_days",
        ),
        ({"name": "x", "expires_at": "2999-01-01T00:00:00Z"}, "expires_at"),
    ],
)
def test_the_api_refuses_an_impossible_expiry(as_editor, body, field):
    response = as_editor.post("/api/tokens/", body, format="json")

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert not ApiToken.objects.filter(name="x").exists()


def test_the_api_lists_the_users_own_token_events_newest_first(as_editor, editor, owner):
    created = as_editor.post("/api/tokens/", {"name": "laptop"}, format="json").json()
    as_editor.delete(f"/api/tokens/{created['id']}/")
    create_token(actor=owner, name="olivia's")

    events = as_editor.get("/api/tokens/events/").json()["results"]

    assert [(e["action"], e["details"]["name"]) for e in events[:2]] == [
        ("token.revoked", "laptop"),
        ("token.created", "laptop"),
    ]
    assert all(e["subject"] == "eddie" for e in events)
    assert created["key"] not in str(events)


def test_anonymous_requests_for_token_events_are_401(as_anonymous):
    assert as_anonymous.get("/api/tokens/events/").status_code == 401
