"""Diagram pages: the viewer's markup, options, progress, downloads and review packs."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from apps.architectures.services import import_spec
from apps.diagrams.models import ReviewPack
from apps.jobs.models import Job
from microservices.diagrams import FORMATS, VIEWS
from microservices.synth import synthesize

from .conftest import page_url
from .test_api import CSP, QUERY

pytestmark = pytest.mark.django_db


class ViewerAttributes(HTMLParser):
    """The attributes of the page's .diagram-viewer element."""

    def __init__(self):
        super().__init__()
        self.found: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "diagram-viewer" in (attributes.get("class") or "").split():
            self.found = {name: value or "" for name, value in attributes.items()}


def viewer_of(response) -> dict[str, str]:
    parser = ViewerAttributes()
    parser.feed(response.content.decode())
    assert parser.found is not None, "the page has no diagram viewer"
    return parser.found


@pytest.mark.parametrize("view", list(VIEWS))
def test_each_view_has_a_page_with_the_viewer_and_its_configuration(
    architecture, viewer, client_for, view
):
    client = client_for(viewer)

    response = client.get(page_url("view", architecture, view, **QUERY.get(view, {})))

    assert response.status_code == 200
    attributes = viewer_of(response)
    assert attributes["data-current-view"] == view
    views = json.loads(attributes["data-views"])
    assert [item["name"] for item in views] == list(VIEWS)
    downloads = json.loads(attributes["data-downloads"])
    assert [item["format"] for item in downloads] == list(FORMATS)
    # The viewer fetches the SVG the page has just drawn: it comes from the cache.
    svg = client.get(attributes["data-svg-url"])
    assert svg.status_code == 200 and svg["Content-Security-Policy"] == CSP


def test_the_diagrams_index_is_the_dependency_map(architecture, viewer, client_for):
    response = client_for(viewer).get(page_url("index", architecture))

    assert viewer_of(response)["data-current-view"] == "dependencies"


def test_every_download_link_serves_its_file(architecture, viewer, client_for):
    client = client_for(viewer)
    page = client.get(page_url("view", architecture, "focus", service="order-service", hops=2))

    for link in json.loads(viewer_of(page)["data-downloads"]):
        response = client.get(link["url"])
        assert response.status_code == 200, link
        assert response["Content-Disposition"].startswith("attachment;")
        assert "-focus." in response["Content-Disposition"]


def test_the_services_list_links_each_service_to_its_page(architecture, viewer, client_for):
    client = client_for(viewer)
    attributes = viewer_of(client.get(page_url("index", architecture)))

    services = client.get(attributes["data-services-url"]).json()

    by_name = {item["name"]: item["url"] for item in services}
    assert by_name["order-service"] == reverse(
        "architectures:service", args=["acme", "e-commerce-platform", "order-service"]
    )
    assert "payment-service" in by_name  # placeholders are found too


def test_the_focus_view_asks_for_a_service_first(architecture, viewer, client_for):
    response = client_for(viewer).get(page_url("view", architecture, "focus"))

    assert response.status_code == 200
    assert b'id="diagram-needs-service"' in response.content
    assert b'class="diagram-viewer"' not in response.content


def test_a_bad_option_is_shown_with_a_400(architecture, viewer, client_for):
    response = client_for(viewer).get(
        page_url("view", architecture, "focus", service="order-service", hops=50)
    )

    assert response.status_code == 400
    assert b'id="diagram-problem"' in response.content and b"hops" in response.content


def test_an_unknown_view_is_404(architecture, viewer, client_for):
    assert client_for(viewer).get(page_url("view", architecture, "nonsense")).status_code == 404


def test_a_map_too_large_to_read_starts_collapsed_and_the_page_says_why(
    workspace, owner, viewer, client_for, settings
):
    settings.DIAGRAM_INLINE_MAX_SERVICES = 1000
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=synthesize(520))

    response = client_for(viewer).get(page_url("view", architecture, "dependencies"))

    assert response.status_code == 200
    notes = response.content.decode().split('id="diagram-notes"', 1)[1].split("</ul>", 1)[0]
    assert "Collapsed" in notes and "520 services" in notes


def test_a_large_render_shows_progress_and_the_page_reloads_once_drawn(
    architecture, viewer, client_for, settings, django_capture_on_commit_callbacks
):
    settings.DIAGRAM_INLINE_MAX_SERVICES = 2
    client = client_for(viewer)

    # The job is sent once the request's transaction commits, and runs in-process.
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(page_url("view", architecture, "context"))

    job = Job.objects.get(kind="render_diagram")
    status_url = page_url("render-status", architecture, job.pk)
    assert f'hx-get="{status_url}"'.encode() in page.content
    assert b'class="diagram-viewer"' not in page.content
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    polled = client.get(status_url)
    assert polled["HX-Refresh"] == "true"


def test_a_large_download_goes_back_to_the_page_to_follow_its_job(
    architecture, viewer, client_for, settings
):
    settings.DIAGRAM_INLINE_MAX_SERVICES = 2

    response = client_for(viewer).get(page_url("download", architecture, "context", "png"))

    job = Job.objects.get(kind="render_diagram")
    assert response.status_code == 302
    assert response["Location"] == page_url("view", architecture, "context", job=job.pk)
    page = client_for(viewer).get(response["Location"])
    assert b'id="render-status"' in page.content


def test_an_editor_makes_a_review_pack_from_the_page_and_downloads_it(
    architecture, editor, client_for, committed
):
    client = client_for(editor)
    page = client.get(page_url("index", architecture))
    assert b"Make a review pack" in page.content

    response = committed(client.post, page_url("review-pack", architecture), {"view": "events"})

    assert response.status_code == 302
    assert response["Location"] == page_url("view", architecture, "events")
    pack = ReviewPack.objects.get(architecture=architecture)
    card = client.get(page_url("index", architecture)).content.decode()
    download = page_url("review-pack-pdf", architecture, pack.pk)
    assert download in card
    pdf = client.get(download + "?download=1")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_viewer_sees_no_review_pack_button_and_may_not_post(architecture, viewer, client_for):
    client = client_for(viewer)

    page = client.get(page_url("index", architecture))

    assert b"Make a review pack" not in page.content
    assert client.post(page_url("review-pack", architecture)).status_code == 403


def test_an_outsider_gets_404_on_every_page(architecture, outsider, client_for):
    client = client_for(outsider)
    urls = [
        page_url("index", architecture),
        page_url("view", architecture, "context"),
        page_url("download", architecture, "context", "svg"),
        page_url("services", architecture),
        page_url("review-pack-card", architecture),
        page_url("review-pack-pdf", architecture, 1),
        page_url("render-status", architecture, 1),
    ]

    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(page_url("review-pack", architecture)).status_code == 404


def test_the_architecture_page_links_to_its_diagrams(architecture, viewer, client_for):
    response = client_for(viewer).get(
        reverse("architectures:detail", args=["acme", "e-commerce-platform"])
    )

    assert page_url("index", architecture).encode() in response.content
