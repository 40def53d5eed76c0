"""The diagram viewer (frontend/, built into static/diagrams/) driven in headless Chromium.

Until the diagrams pages exist, the tests load the fixture page of diagram_site.py from a
local HTTP server: the built viewer with SVGs that Graphviz draws in the test. Screenshots go
to test-results/browser/ for people to look at.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from typing import TYPE_CHECKING

import pytest

from tests.browser.diagram_site import (
    BUNDLE,
    DEPENDENCY_CLUSTERS,
    DEPENDENCY_EDGES,
    EVENT_CLUSTERS,
    EVENT_EDGES,
    UNDRAWN_SERVICE,
    QuietHandler,
    draw,
    large_map,
    publish,
    svg_text,
    with_hostile_content,
)
from tests.services import CHROMIUM, REPO_ROOT, skip_or_fail

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO_ROOT / "test-results" / "browser"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a local server with the fixture page at / and variants: the SVG inline at
    /inline/, a map of 600 services at /large/ and a diagram URL that answers 404 at /broken/."""
    if shutil.which("dot") is None:
        skip_or_fail(["Graphviz's dot is not installed (apt-get install graphviz)"])
    if not (BUNDLE / "viewer.js").exists():
        pytest.fail("static/diagrams/viewer.js is missing: run `make frontend`", pytrace=False)
    root = tmp_path_factory.mktemp("diagram-viewer-site")
    dependencies = svg_text(draw(DEPENDENCY_CLUSTERS, DEPENDENCY_EDGES))
    events = svg_text(with_hostile_content(draw(EVENT_CLUSTERS, EVENT_EDGES)))
    publish(root, dependencies, events)
    empty_canvas = '<div class="diagram-canvas"></div>'
    publish(
        root / "inline",
        dependencies,
        events,
        lambda page: page.replace(
            empty_canvas, f'<div class="diagram-canvas">{dependencies}</div>'
        ),
    )
    publish(
        root / "broken",
        dependencies,
        events,
        lambda page: page.replace('data-svg-url="dependencies.svg"', 'data-svg-url="missing.svg"'),
    )
    publish(root / "large", svg_text(draw(*large_map(600, 30))), events)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


class ViewerPage:
    """A browser tab on the fixture page, with what the viewer and the console said."""

    def __init__(self, page: Page):
        self.page = page
        self.errors: list[str] = []
        self.requested: list[str] = []
        page.on(
            "console", lambda message: message.type == "error" and self.errors.append(message.text)
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.requested.append(request.url))

    def open(self, url: str) -> ViewerPage:
        self.page.goto(url)
        self.page.locator(".dv-viewport").wait_for(state="attached")
        self.wait_for_frame()
        return self

    def wait_for_frame(self) -> None:
        """Lets the camera's pending animation frame write the transform."""
        self.page.evaluate(
            "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )

    def wait_for_rest(self) -> None:
        """Lets a wheel or drag gesture end and the diagram be repainted at its final place."""
        self.wait_for_frame()
        self.page.wait_for_function("() => !document.querySelector('.dv-canvas.dv-moving')")
        self.wait_for_frame()

    def transform(self) -> str:
        return self.page.get_attribute(".dv-viewport", "transform") or ""

    def camera(self) -> tuple[float, float, float]:
        """(scale, x, y) of the diagram's wrapping <g>."""
        match = re.fullmatch(r"matrix\(([^)]*)\)", self.transform())
        assert match, f"unexpected transform {self.transform()!r}"
        scale, _, _, _, x, y = (float(value) for value in match.group(1).split())
        return scale, x, y

    def box(self, selector: str) -> dict[str, float]:
        box = self.page.locator(selector).bounding_box()
        assert box, f"{selector} is not displayed"
        return box

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SCREENSHOTS / f"{name}.png")


@pytest.fixture
def viewer(browser: Browser, site: str) -> Iterator[ViewerPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    try:
        yield ViewerPage(context.new_page()).open(site + "index.html")
    finally:
        context.close()


def centre(box: dict[str, float]) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def contains(outer: dict[str, float], inner: dict[str, float]) -> bool:
    return (
        outer["x"] <= inner["x"]
        and outer["y"] <= inner["y"]
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"]
    )


# --- loading -----------------------------------------------------------------------------------


def test_it_shows_the_whole_diagram_under_a_strict_content_security_policy(viewer: ViewerPage):
    canvas = viewer.box(".dv-canvas")
    drawing = viewer.box(".dv-viewport")
    assert contains(canvas, drawing)
    names = viewer.page.eval_on_selector_all(
        ".dv-svg g.node", "nodes => nodes.map((n) => n.dataset.name)"
    )
    expected = [node.name for nodes in DEPENDENCY_CLUSTERS.values() for node in nodes]
    assert sorted(names) == sorted(expected)
    assert viewer.errors == []
    viewer.screenshot("viewer-loaded")


def test_it_uses_an_svg_already_inline_in_the_page_without_fetching_it(browser: Browser, site: str):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    try:
        viewer = ViewerPage(context.new_page()).open(site + "inline/index.html")
        assert viewer.page.locator("#node-service-order-service").is_visible()
        assert not [url for url in viewer.requested if url.endswith("dependencies.svg")]
        assert viewer.page.locator(".dv-status").is_hidden()
        assert viewer.errors == []
    finally:
        context.close()


def test_it_says_so_when_the_diagram_cannot_be_loaded(browser: Browser, site: str):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    try:
        page = context.new_page()
        page.goto(site + "broken/index.html")
        status = page.locator(".dv-status")
        status.wait_for()
        page.wait_for_function(
            "() => document.querySelector('.dv-status').dataset.tone === 'error'"
        )
        assert "could not be loaded (HTTP 404)" in status.inner_text()
    finally:
        context.close()


# --- zoom and pan ------------------------------------------------------------------------------


def test_it_zooms_in_and_out_with_the_buttons(viewer: ViewerPage):
    fitted_scale, _, _ = viewer.camera()
    viewer.page.get_by_role("button", name="Zoom in").click()
    viewer.wait_for_frame()
    zoomed_in, _, _ = viewer.camera()
    viewer.page.get_by_role("button", name="Zoom out").click()
    viewer.page.get_by_role("button", name="Zoom out").click()
    viewer.wait_for_frame()
    zoomed_out, _, _ = viewer.camera()
    assert zoomed_in > fitted_scale > zoomed_out
    assert viewer.page.locator(".dv-zoom-level").inner_text() == f"{round(zoomed_out * 100)}%"


def test_it_zooms_with_the_keyboard_and_fits_again_with_0(viewer: ViewerPage):
    fitted = viewer.camera()
    viewer.page.focus(".dv-canvas")
    viewer.page.keyboard.press("+")
    viewer.page.keyboard.press("+")
    viewer.wait_for_frame()
    assert viewer.camera()[0] > fitted[0]
    viewer.page.keyboard.press("-")
    viewer.page.keyboard.press("-")
    viewer.page.keyboard.press("-")
    viewer.wait_for_frame()
    assert viewer.camera()[0] < fitted[0]
    viewer.page.keyboard.press("0")
    viewer.wait_for_frame()
    assert viewer.camera() == pytest.approx(fitted)


def test_it_zooms_around_the_pointer_with_the_wheel(viewer: ViewerPage):
    target = centre(viewer.box("#node-service-payment-service"))
    before = viewer.camera()
    viewer.page.mouse.move(*target)
    viewer.page.mouse.wheel(0, -300)
    viewer.wait_for_rest()
    assert viewer.camera()[0] > before[0]
    after = centre(viewer.box("#node-service-payment-service"))
    assert after == pytest.approx(target, abs=2)


def test_it_pans_when_the_canvas_is_dragged(viewer: ViewerPage):
    scale, x, y = viewer.camera()
    canvas = viewer.box(".dv-canvas")
    start = (canvas["x"] + 40, canvas["y"] + canvas["height"] - 60)
    viewer.page.mouse.move(*start)
    viewer.page.mouse.down()
    viewer.page.mouse.move(start[0] + 120, start[1] - 50, steps=6)
    viewer.page.mouse.up()
    viewer.wait_for_rest()
    assert viewer.camera() == pytest.approx((scale, x + 120, y - 50))


# --- search ------------------------------------------------------------------------------------


def test_it_finds_a_service_by_name_and_centres_and_highlights_it(viewer: ViewerPage):
    search = viewer.page.get_by_role("combobox", name="Find a service")
    search.fill("pay")
    options = viewer.page.get_by_role("option")
    assert options.first.inner_text().startswith("payment-service")
    viewer.screenshot("viewer-suggestions")
    search.press("Enter")
    viewer.wait_for_frame()

    node = viewer.page.locator("#node-service-payment-service")
    assert "dv-selected" in (node.get_attribute("class") or "")
    canvas, panel, found = (
        viewer.box(".dv-canvas"),
        viewer.box(".dv-panel"),
        viewer.box("#node-service-payment-service"),
    )
    uncovered = {**canvas, "width": panel["x"] - canvas["x"]}
    assert contains(uncovered, found)
    assert centre(found) == pytest.approx(centre(uncovered), abs=16)
    assert viewer.camera()[0] >= 1
    viewer.screenshot("viewer-found")


def test_it_offers_services_this_view_does_not_draw_and_links_to_their_page(viewer: ViewerPage):
    search = viewer.page.get_by_role("combobox", name="Find a service")
    search.fill("ledger")
    option = viewer.page.get_by_role("option", name=re.compile(UNDRAWN_SERVICE))
    assert "not in this view" in option.inner_text()
    search.press("Enter")
    panel = viewer.page.locator(".dv-panel")
    assert panel.get_by_role("heading").inner_text() == UNDRAWN_SERVICE
    assert panel.get_by_role("link").get_attribute("href") == f"/services/{UNDRAWN_SERVICE}/"
    assert panel.get_by_role("button", name="Centre").is_hidden()


def test_it_says_so_when_no_service_has_the_name(viewer: ViewerPage):
    viewer.page.get_by_role("combobox", name="Find a service").fill("no-such-thing")
    viewer.page.keyboard.press("Enter")
    assert "No service named" in viewer.page.locator(".dv-status").inner_text()


# --- the details panel ---------------------------------------------------------------------------


def test_it_opens_the_panel_with_the_node_page_link_when_a_node_is_clicked(viewer: ViewerPage):
    before = viewer.page.url
    viewer.page.locator("#node-service-order-service").click()
    panel = viewer.page.locator(".dv-panel")
    assert panel.is_visible()
    assert panel.locator(".dv-panel-kind").inner_text().lower() == "service"
    assert panel.get_by_role("heading").inner_text() == "order-service"
    assert panel.locator(".dv-panel-tooltip").inner_text() == "Takes and tracks customer orders."
    link = panel.get_by_role("link", name="Open service page")
    assert link.get_attribute("href") == "/services/order-service/"
    assert viewer.page.url == before
    viewer.screenshot("viewer-panel")

    viewer.page.keyboard.press("Escape")
    assert panel.is_hidden()


def test_it_opens_a_node_from_the_keyboard_and_returns_focus_on_escape(viewer: ViewerPage):
    focused = ""
    for _ in range(20):
        viewer.page.keyboard.press("Tab")
        focused = viewer.page.evaluate(
            "() => document.activeElement.closest('g.node')?.dataset.name ?? ''"
        )
        if focused:
            break
    assert focused, "no node is reachable with Tab"
    viewer.page.keyboard.press("Enter")
    assert viewer.page.locator(".dv-panel").get_by_role("heading").inner_text() == focused
    assert viewer.page.evaluate("() => document.activeElement.classList.contains('dv-panel-name')")
    viewer.page.keyboard.press("Escape")
    assert viewer.page.locator(".dv-panel").is_hidden()
    assert (
        viewer.page.evaluate("() => document.activeElement.closest('g.node')?.dataset.name")
        == focused
    )


# --- views and downloads -------------------------------------------------------------


def test_it_offers_a_download_in_every_format(viewer: ViewerPage):
    viewer.page.get_by_text("Download", exact=True).click()
    links = viewer.page.locator(".dv-menu-item")
    assert links.evaluate_all("links => links.map((link) => link.dataset.format)") == [
        "svg", "png", "pdf", "dot", "mmd", "structurizr",
    ]  # fmt: skip
    assert links.evaluate_all("links => links.every((link) => link.hasAttribute('download'))")
    viewer.screenshot("viewer-downloads")


def test_it_switches_view_in_place_and_back_with_the_history(viewer: ViewerPage):
    viewer.page.evaluate("() => { window.sameDocument = true; }")
    viewer.page.get_by_role("link", name="Event flow").click()
    viewer.page.locator("#node-event-order-placed").wait_for()
    assert viewer.page.locator("#node-gateway-public-api").count() == 0
    assert viewer.page.url.endswith("index.html?view=events")
    assert (
        viewer.page.get_by_role("link", name="Event flow").get_attribute("aria-current") == "page"
    )
    hrefs = viewer.page.locator(".dv-menu-item").evaluate_all(
        "links => links.map((l) => l.getAttribute('href'))"
    )
    assert hrefs and all(href.startswith("events.") for href in hrefs)
    assert viewer.page.evaluate("() => window.sameDocument === true")
    viewer.screenshot("viewer-events")

    viewer.page.go_back()
    viewer.page.locator("#node-gateway-public-api").wait_for()
    assert viewer.page.url.endswith("index.html")
    assert viewer.page.evaluate("() => window.sameDocument === true")


def test_it_follows_the_link_of_a_view_it_cannot_switch_in_place(viewer: ViewerPage):
    assert (
        viewer.page.get_by_role("link", name="Context map").get_attribute("href") == "context.html"
    )


def test_it_strips_scripts_handlers_and_javascript_links_from_a_fetched_svg(viewer: ViewerPage):
    viewer.page.get_by_role("link", name="Event flow").click()
    viewer.page.locator("#node-event-order-placed").wait_for()
    left_over = viewer.page.evaluate(
        """() => {
            const svg = document.querySelector('.dv-svg');
            const all = [svg, ...svg.querySelectorAll('*')];
            const link = (e) => e.getAttribute('href') || e.getAttribute('xlink:href') || '';
            const handler = (e) => [...e.attributes].some((a) => a.name.startsWith('on'));
            return {
                elements: svg.querySelectorAll('script, foreignObject').length,
                handlers: all.filter(handler).length,
                links: all.filter((e) => /javascript:/i.test(link(e))).length,
            };
        }"""
    )
    assert left_over == {"elements": 0, "handlers": 0, "links": 0}
    viewer.page.locator("#node-service-payment-service").click()
    assert viewer.page.title() == "Shop platform · Diagrams"


# --- a large map ----------------------------------------------------------------------


def test_it_zooms_a_600_service_map_by_moving_the_painted_layer_until_the_gesture_rests(
    browser: Browser, site: str
):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    try:
        viewer = ViewerPage(context.new_page()).open(site + "large/index.html")
        assert viewer.page.locator(".dv-svg g.node").count() == 600
        before = viewer.camera()
        # One wheel notch per animation frame, as a person's scrolling arrives.
        mutations = viewer.page.evaluate(
            """() => new Promise((done) => {
                const svg = document.querySelector('.dv-svg');
                const canvas = document.querySelector('.dv-canvas');
                const box = canvas.getBoundingClientRect();
                const seen = [];
                new MutationObserver((records) => seen.push(...records.map((r) =>
                    `${r.type}:${r.target.getAttribute?.('class')}:${r.attributeName}`)))
                  .observe(svg, {subtree: true, childList: true, attributes: true});
                let notches = 0;
                const notch = () => {
                    canvas.dispatchEvent(new WheelEvent('wheel', {
                        deltaY: -40, bubbles: true, cancelable: true,
                        clientX: box.x + box.width / 2, clientY: box.y + box.height / 2,
                    }));
                    if (++notches < 30) requestAnimationFrame(notch);
                    else setTimeout(() => done(seen), 600);
                };
                requestAnimationFrame(notch);
            })"""
        )
        assert set(mutations) <= {"attributes:dv-svg:style", "attributes:dv-viewport:transform"}
        layer_moves = mutations.count("attributes:dv-svg:style")
        repaints = mutations.count("attributes:dv-viewport:transform")
        assert 1 <= repaints < layer_moves
        assert viewer.camera()[0] > before[0]
        viewer.screenshot("viewer-large")
        assert viewer.errors == []
    finally:
        context.close()
