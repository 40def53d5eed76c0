"""Two users in two browser contexts edit the same service: the second gets the conflict page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures.models import Service
from tests.fixtures import CHROMIUM_ARGS

from .conftest import SLUG

EDIT_URL = reverse("architectures:object-edit", args=["acme", SLUG, "services", "order-service"])


@pytest.fixture
def two_users_pages(monkeypatch, live_server, architecture, owner, editor):
    """Pages of two separate browser contexts, logged in as the owner and the editor."""
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the sync API runs a loop here
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        pages = []
        for username in ("olivia", "eddie"):
            page = browser.new_context().new_page()
            page.set_default_timeout(10_000)
            page.goto(f"{live_server.url}/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", f"pw-{username}")
            page.click("button[type=submit]")
            pages.append(page)
        try:
            yield pages
        finally:
            browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_second_to_save_chooses_field_by_field_and_nothing_is_lost(
    live_server, two_users_pages
):
    first, second = two_users_pages
    before = Service.objects.get(architecture__slug=SLUG, name="order-service")
    for page in (first, second):
        page.goto(live_server.url + EDIT_URL)

    first.fill("input[name=owner]", "team-first")
    first.click("button:has-text('Save')")
    second.fill("input[name=owner]", "team-second")
    second.fill("textarea[name=description]", "written by the second user")
    second.click("button:has-text('Save')")

    assert second.locator("h1").inner_text().startswith("Conflict")
    owner_row = second.locator("tr[data-field=owner]")
    assert "team-first" in owner_row.inner_text() and "team-second" in owner_row.inner_text()
    owner_row.locator("input[value=theirs]").check()
    second.click("button:has-text('Save with these choices')")

    assert "saved" in second.locator(".message-success").inner_text()
    saved = Service.objects.get(architecture__slug=SLUG, name="order-service")
    assert (saved.owner, saved.description) == ("team-first", "written by the second user")
    assert saved.responsibilities == before.responsibilities  # carried through the page
    assert saved.technologies == before.technologies
