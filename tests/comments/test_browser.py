"""The comments panel in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

import pytest

from tests.fixtures import log_in
from tests.services import REPO_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = REPO_ROOT / "test-results" / "browser"
HOSTILE = "<b>bold?</b> <script>window.injected = 1</script>"


def test_a_reviewer_comments_on_a_service_and_replies_without_reloading(
    live_server, architecture, viewer, browser_page
):
    page = browser_page
    log_in(page, live_server.url, "vera")
    page.goto(f"{live_server.url}/w/acme/{architecture.slug}/services/order-service/")
    page.evaluate("window.sameDocument = true")  # lost if the page reloads
    panel = page.locator("#comments")
    panel.locator("textarea#new-comment").wait_for()

    panel.locator("textarea#new-comment").fill(f"Timeout?\n{HOSTILE}")
    panel.locator("button:has-text('Comment')").click()

    thread = page.locator("article.thread").first
    thread.wait_for()
    assert page.locator("#open-here").inner_text() == "1 open"
    body = thread.locator(".comment-body").first
    assert body.inner_text() == f"Timeout?\n{HOSTILE}"
    assert page.evaluate("window.injected") is None
    thread.locator("textarea[name=body]").last.fill("Also: retries.")
    thread.locator("button:has-text('Reply')").click()
    page.locator("article.thread .comment-body", has_text="Also: retries.").wait_for()
    page.wait_for_load_state("networkidle")
    page.locator("article.thread button:has-text('Resolve')").click()
    page.locator("article.thread[data-status=resolved]").wait_for()
    page.locator("#open-here").wait_for(state="detached")  # the panel redrew its count

    assert page.evaluate("window.sameDocument") is True
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "comments-service-panel.png"), full_page=True)
    page.goto(f"{live_server.url}/w/acme/{architecture.slug}/comments/?status=all")
    assert "Also: retries." in page.locator("#threads").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "comments-list.png"), full_page=True)

    page.goto(f"{live_server.url}/w/acme/{architecture.slug}/")
    page.locator("#comments textarea#new-comment").fill("Who owns the gateway?")
    page.locator("#comments button:has-text('Comment')").click()
    assert page.locator("#open-here").inner_text() == "1 open"
    page.locator("#comments").screenshot(path=str(SCREENSHOTS / "comments-architecture.png"))
