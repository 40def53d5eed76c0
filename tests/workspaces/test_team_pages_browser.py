"""The members and tokens pages in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.fixtures import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_owner_invites_by_email_and_cannot_demote_themselves(
    live_server, workspace, outsider, browser_page
):
    page = browser_page
    log_in(page, live_server.url, "olivia")
    page.goto(f"{live_server.url}/w/acme/")
    page.click("text=Manage members")

    page.fill("input[name=user]", "oscar@example.com")
    page.select_option("select[name=role]", "editor")
    page.click("button:has-text('Invite')")

    assert page.locator(".message-success").inner_text() == "oscar is now a member, as editor."
    assert page.locator("tr", has_text="oscar").locator("select").input_value() == "editor"

    own_row = page.locator("tr", has_text="olivia")
    own_row.locator("select").select_option("viewer")
    own_row.locator("button:has-text('Change')").click()

    assert "last owner" in page.locator("[role=alert]").inner_text()
    page.goto(f"{live_server.url}/w/acme/audit/")
    assert "olivia added oscar as editor" in page.locator("table").inner_text()


def test_a_viewer_sees_the_members_without_any_control_but_leave(
    live_server, workspace, browser_page
):
    page = browser_page
    log_in(page, live_server.url, "vera")
    page.goto(f"{live_server.url}/w/acme/members/")

    assert page.locator("select").count() == 0
    assert page.locator("button:has-text('Remove')").count() == 0
    page.locator("tr", has_text="vera").locator("button:has-text('Leave')").click()

    assert page.locator(".message-success").inner_text() == "You left Acme."


def test_a_token_key_is_shown_once_and_its_revocation_is_listed(
    live_server, workspace, browser_page
):
    last_day = (timezone.localdate() + timedelta(days=30)).isoformat()
    page = browser_page
    log_in(page, live_server.url, "eddie")
    page.goto(f"{live_server.url}/tokens/")
    page.fill("input[name=name]", "deploy bot")
    page.fill("input[name=expires_on]", last_day)
    page.click("button:has-text('Create token')")

    key = page.locator("#new-token-key").inner_text()
    assert key.startswith("msd_")
    assert (
        f"{last_day} 23:59" in page.locator("#tokens-table tr", has_text="deploy bot").inner_text()
    )

    page.locator("#tokens-table tr", has_text="deploy bot").locator(
        "button:has-text('Revoke')"
    ).click()

    assert key not in page.content()
    assert "eddie revoked the API token “deploy bot”" in page.content()
