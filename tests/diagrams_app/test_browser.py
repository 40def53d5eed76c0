"""The diagrams page in a real browser: the viewer zooms, finds a service and opens its page."""

from __future__ import annotations

import pytest

from tests.fixtures import log_in as sign_in

from .conftest import page_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url: str, username: str) -> None:
    sign_in(page, base_url, username)
    page.wait_for_url(f"{base_url}/")


def zoom_percent(page) -> int:
    return int(page.locator(".dv-zoom-level").inner_text().rstrip("%"))


def test_a_viewer_zooms_finds_a_service_and_opens_its_page(
    live_server,
    architecture,
    viewer,
    browser_page,
):
    page = browser_page
    log_in(page, live_server.url, "vera")

    page.goto(live_server.url + page_url("index", architecture))
    page.wait_for_selector(".diagram-viewer.dv-ready svg g.node")
    assert page.locator("h1").inner_text() == "Dependency map"

    before = zoom_percent(page)
    page.get_by_role("button", name="Zoom in (+)").click()
    page.wait_for_function(
        f"parseInt(document.querySelector('.dv-zoom-level').textContent) > {before}"
    )

    page.fill(".dv-search-input", "order-serv")
    page.keyboard.press("Enter")
    panel = page.locator(".dv-panel")
    panel.locator(".dv-panel-name", has_text="order-service").wait_for()
    panel.get_by_role("link", name="Open service page").click()

    page.wait_for_url("**/services/order-service/")
    assert page.locator("h1").inner_text() == "order-service"
