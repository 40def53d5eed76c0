"""The pages in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_adds_a_service_through_the_form_and_finds_it_in_the_table(
    live_server, architecture, editor, browser_page
):
    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "eddie")
    page.fill("input[name=password]", "pw-eddie")
    page.click("button[type=submit]")
    page.click("text=E-Commerce Platform")
    assert page.locator("h1").inner_text() == "E-Commerce Platform"

    page.click("text=Add service")
    page.fill("input[name=name]", "shipping-service")
    page.fill("input[name=domain]", "shipping")
    page.fill("textarea[name=technologies]", "language: kotlin\ndatabase: postgresql")
    page.click("button:has-text('Create')")

    assert page.locator(".message-success").inner_text() == "Service shipping-service created."
    row = page.locator("#services-table tr", has_text="shipping-service")
    assert row.locator("td").nth(1).inner_text() == "shipping"
    assert "kotlin" in row.inner_text()

    # The live filter swaps the table alone, keeping what the search matches.
    page.fill("input[name=search]", "shipping")
    page.wait_for_function("document.querySelectorAll('#services-table tbody tr').length === 1")
    assert page.locator("#services-table a.name").all_inner_texts() == ["shipping-service"]
    assert "search=shipping" in page.url
