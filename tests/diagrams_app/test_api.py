"""The diagrams API: every view in every format, its headers, the render cache and jobs."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from apps.architectures.services import import_spec
from apps.diagrams.models import Render
from apps.jobs.models import Job
from microservices.diagrams import FORMAT_MEDIA_TYPES, FORMATS, VIEWS

from .conftest import api_url, diagram_url

pytestmark = pytest.mark.django_db

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# The focus view is centred on a service; the other views need no option.
QUERY = {"focus": {"service": "order-service"}}
SVG = "{http://www.w3.org/2000/svg}"
CACHE_HIT_MAX_QUERIES = 8


def get_diagram(client, architecture, view: str, fmt: str, **query):
    return client.get(diagram_url(architecture, view, fmt, **{**QUERY.get(view, {}), **query}))


def svg_tree(content: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(content)


def test_it_lists_every_view_with_its_url_in_every_format(architecture, viewer, api_client_for):
    response = api_client_for(viewer).get(api_url("api-diagram-list", architecture))

    assert response.status_code == 200
    listed = {view["name"]: view for view in response.json()}
    assert set(listed) == set(VIEWS)
    dependencies = listed["dependencies"]
    assert dependencies["title"] and set(dependencies["formats"]) == set(FORMATS)
    assert "/diagrams/dependencies.svg?" in dependencies["formats"]["svg"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_comes_in_every_format_with_safe_headers(
    architecture, viewer, api_client_for, view, fmt
):
    response = get_diagram(api_client_for(viewer), architecture, view, fmt)

    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == FORMAT_MEDIA_TYPES[fmt]
    assert response["Content-Security-Policy"] == CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert f'filename="e-commerce-platform-{view}.' in response["Content-Disposition"]
    assert response.content


def test_download_1_makes_the_file_an_attachment(architecture, viewer, api_client_for):
    response = get_diagram(api_client_for(viewer), architecture, "context", "png", download=1)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="e-commerce-platform-context.png"'
    )


def test_an_svg_is_well_formed_and_its_nodes_link_to_their_pages(
    architecture, viewer, api_client_for
):
    response = get_diagram(api_client_for(viewer), architecture, "dependencies", "svg")

    tree = svg_tree(response.content)
    assert tree.find(f".//{SVG}script") is None
    names = {
        g.get("data-name") for g in tree.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()
    }
    assert {"order-service", "inventory-service", "payment-service"} <= names
    links = {
        a.get("{http://www.w3.org/1999/xlink}href") or a.get("href") for a in tree.iter(f"{SVG}a")
    }
    assert "/w/acme/e-commerce-platform/services/order-service/" in links


def test_a_second_request_is_answered_from_the_cache_without_drawing(
    architecture, viewer, api_client_for, monkeypatch, django_assert_max_num_queries
):
    client = api_client_for(viewer)
    first = get_diagram(client, architecture, "dependencies", "svg")

    def no_drawing(*args, **kwargs):
        raise AssertionError("the diagram was drawn again")

    monkeypatch.setattr("apps.diagrams.drawing.build_diagram", no_drawing)
    monkeypatch.setattr("apps.diagrams.drawing.render_diagram", no_drawing)
    with django_assert_max_num_queries(CACHE_HIT_MAX_QUERIES):
        second = get_diagram(client, architecture, "dependencies", "svg")

    assert second.status_code == 200 and second.content == first.content
    assert Render.objects.filter(architecture=architecture).count() == 1


def test_a_changed_architecture_is_drawn_again_at_its_new_revision(
    architecture, owner, viewer, api_client_for, reference_spec
):
    client = api_client_for(viewer)
    get_diagram(client, architecture, "dependencies", "dot")
    changed = reference_spec.model_copy(update={"description": "Changed."})
    import_spec(
        actor=owner, workspace=architecture.workspace, spec=changed, architecture=architecture
    )
    architecture.refresh_from_db()

    response = get_diagram(client, architecture, "dependencies", "dot")

    assert response["X-Diagram-Revision"] == str(architecture.revision)
    revisions = set(
        Render.objects.filter(architecture=architecture).values_list("revision", flat=True)
    )
    assert revisions == {architecture.revision - 1, architecture.revision}


def test_the_cache_keeps_only_the_newest_renders_of_an_architecture(
    architecture, viewer, api_client_for, settings
):
    settings.DIAGRAM_RENDERS_KEPT = 2
    client = api_client_for(viewer)

    for view in ("dependencies", "context", "events"):
        get_diagram(client, architecture, view, "dot")

    kept = Render.objects.filter(architecture=architecture).values_list("view", flat=True)
    assert sorted(kept) == ["context", "events"]


def test_the_findings_overlay_is_on_by_default_and_can_be_turned_off(
    validated, viewer, api_client_for
):
    client = api_client_for(viewer)

    with_findings = get_diagram(client, validated, "dependencies", "dot")
    without = get_diagram(client, validated, "dependencies", "dot", findings=0)

    assert with_findings.content != without.content
    assert Render.objects.filter(architecture=validated).count() == 2


def test_a_large_uncached_render_answers_202_and_a_job_draws_it(
    architecture, viewer, api_client_for, settings, django_capture_on_commit_callbacks
):
    settings.DIAGRAM_INLINE_MAX_SERVICES = 2
    client = api_client_for(viewer)

    with django_capture_on_commit_callbacks(execute=True):
        accepted = get_diagram(client, architecture, "dependencies", "png", collapse=0)

    assert accepted.status_code == 202
    body = accepted.json()
    assert accepted["Location"] == body["url"] and accepted["Retry-After"] == "1"
    job = Job.objects.get(pk=body["job"])
    assert job.kind == "render_diagram" and job.status == "succeeded", job.error
    status = client.get(body["url"]).json()
    assert status["status"] == "succeeded" and status["format"] == "png"
    drawn = client.get(status["download"])
    assert drawn.status_code == 200 and drawn["Content-Type"] == "image/png"
    assert drawn["Content-Security-Policy"] == CSP


def test_asking_twice_while_a_render_job_is_queued_answers_the_same_job(
    architecture, viewer, editor, api_client_for, settings
):
    settings.DIAGRAM_INLINE_MAX_SERVICES = 2

    first = get_diagram(api_client_for(viewer), architecture, "context", "svg")
    second = get_diagram(api_client_for(editor), architecture, "context", "svg")

    assert first.status_code == second.status_code == 202
    assert first.json()["job"] == second.json()["job"]
    assert Job.objects.filter(kind="render_diagram").count() == 1


@pytest.mark.parametrize(
    ("view", "fmt", "query", "status", "field"),
    [
        ("nonsense", "svg", {}, 404, "view"),
        ("dependencies", "gif", {}, 404, "format"),
        ("focus", "svg", {}, 400, "service"),
        ("focus", "svg", {"service": "no-such-service"}, 400, "service"),
        ("focus", "svg", {"service": "order-service", "hops": "0"}, 400, "hops"),
        ("focus", "svg", {"service": "order-service", "hops": "99"}, 400, "hops"),
        ("focus", "svg", {"service": "order-service", "hops": "two"}, 400, "hops"),
        ("dependencies", "svg", {"domain": "no-such-domain"}, 400, "domain"),
        ("dependencies", "svg", {"collapse": "maybe"}, 400, "collapse"),
        ("dependencies", "svg", {"findings": "perhaps"}, 400, "findings"),
        ("sagas", "svg", {"saga": "no-such-saga"}, 400, "saga"),
    ],
)
def test_a_bad_request_is_answered_in_the_error_format_naming_the_parameter(
    architecture, viewer, api_client_for, view, fmt, query, status, field
):
    response = api_client_for(viewer).get(
        diagram_url(architecture, view, fmt, **query), HTTP_ACCEPT="image/svg+xml"
    )

    assert response.status_code == status
    body = response.json()
    assert body["status"] == status and body["detail"]
    assert [error["field"] for error in body["errors"]] == [field]


def test_an_outsider_gets_404_for_the_views_a_diagram_and_a_job(
    architecture, outsider, viewer, api_client_for, settings
):
    settings.DIAGRAM_INLINE_MAX_SERVICES = 2
    job_id = get_diagram(api_client_for(viewer), architecture, "context", "svg").json()["job"]
    client = api_client_for(outsider)

    assert client.get(api_url("api-diagram-list", architecture)).status_code == 404
    assert get_diagram(client, architecture, "dependencies", "svg").status_code == 404
    assert client.get(api_url("api-diagram-job", architecture, pk=job_id)).status_code == 404


def test_anonymous_requests_are_refused(architecture, api_client_for):
    response = get_diagram(api_client_for(None), architecture, "dependencies", "svg")

    assert response.status_code == 401


def test_the_openapi_schema_documents_the_diagrams_api(viewer, api_client_for):
    schema = api_client_for(viewer).get("/api/schema/", HTTP_ACCEPT="application/json").json()

    paths = schema["paths"]
    diagram = paths["/api/architectures/{slug}/diagrams/{view}.{fmt}"]["get"]
    assert diagram["tags"] == ["diagrams"]
    assert set(diagram["responses"]["200"]["content"]) == set(FORMAT_MEDIA_TYPES.values())
    assert "202" in diagram["responses"]
    assert {p["name"] for p in diagram["parameters"]} >= {"service", "hops", "domain", "saga"}
    assert "post" in paths["/api/architectures/{slug}/review-pack"]
    assert "get" in paths["/api/architectures/{slug}/review-pack/{id}.pdf"]
