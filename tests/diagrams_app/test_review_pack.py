"""Review packs: asked for through the API, made by a job, read back as a PDF."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from apps.architectures.services import import_spec
from apps.diagrams.models import ReviewPack
from apps.jobs.models import Job
from apps.validation.models import ValidationRun
from microservices.diagrams import VIEWS

from .conftest import api_url

pytestmark = pytest.mark.django_db

# Title page, summary, the five views a reviewer reads; the findings follow.
VIEW_TITLES = [
    VIEWS[name].title for name in ("dependencies", "context", "events", "sagas", "gateway")
]
PAGES_BEFORE_FINDINGS = 2 + len(VIEW_TITLES)


def make_pack(client, architecture, committed) -> dict:
    """POST, run the job as a commit would, and answer the job's status."""
    accepted = committed(client.post, api_url("api-review-pack-list", architecture))
    assert accepted.status_code == 202, accepted.content
    return client.get(accepted.json()["url"]).json()


def pages_of(client, status: dict) -> list[str]:
    response = client.get(status["pdf"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(BytesIO(response.content)).pages]


def test_a_review_pack_has_a_title_page_summary_every_view_and_the_findings(
    validated, editor, api_client_for, committed
):
    client = api_client_for(editor)

    status = make_pack(client, validated, committed)

    assert status["status"] == "succeeded", status["error"]
    pages = pages_of(client, status)
    assert len(pages) == status["pages"] > PAGES_BEFORE_FINDINGS
    title = pages[0]
    assert "E-Commerce Platform" in title
    assert f"Revision\n{validated.revision}" in title and "eddie" in title
    summary = pages[1]
    assert "Summary" in summary
    assert "Services\n2\n" in summary and "Placeholders (referenced, not defined)\n4\n" in summary
    assert "Sagas\n1\n" in summary and "SLOs\n3\n" in summary
    for page, view_title in zip(pages[2:PAGES_BEFORE_FINDINGS], VIEW_TITLES, strict=True):
        assert page.startswith(view_title)
    assert "order-service" in pages[2]  # the diagram itself, as text Graphviz drew
    findings_pages = pages[PAGES_BEFORE_FINDINGS:]
    assert findings_pages[0].startswith("Validation findings")
    assert f"revision {validated.revision}" in findings_pages[0]
    assert all(page.startswith("Severity") for page in findings_pages[1:])  # header repeated
    listed = "\n".join(findings_pages)
    run = ValidationRun.objects.get(architecture=validated)
    for rule in {finding["rule"] for finding in run.findings}:
        expected = sum(1 for finding in run.findings if finding["rule"] == rule)
        assert listed.count(f"\n{rule}\n") == expected, rule


def test_a_review_pack_before_any_validation_says_so(
    architecture, editor, api_client_for, committed
):
    client = api_client_for(editor)

    pages = pages_of(client, make_pack(client, architecture, committed))

    assert len(pages) == PAGES_BEFORE_FINDINGS + 1
    assert pages[-1].startswith("Validation findings") and "has not been validated" in pages[-1]


def test_a_long_findings_list_continues_on_more_pages_and_is_capped(
    validated, editor, api_client_for, committed, settings
):
    settings.REVIEW_PACK_MAX_FINDINGS = 2
    client = api_client_for(editor)

    pages = pages_of(client, make_pack(client, validated, committed))

    listed = pages[PAGES_BEFORE_FINDINGS]
    assert listed.count("MS1") + listed.count("MS2") + listed.count("MS3") >= 2
    assert "more: the API and the SARIF log list them all" in listed


def test_a_hostile_architecture_name_is_printed_as_text(
    workspace, owner, api_client_for, committed, reference_spec
):
    name = "<b>bold</b> & <script>alert(1)</script>"
    spec = reference_spec.model_copy(update={"name": name, "slug": "hostile"})
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=spec)
    client = api_client_for(owner)

    status = make_pack(client, architecture, committed)

    assert status["status"] == "succeeded", status["error"]
    assert name in pages_of(client, status)[0]


def test_the_pdf_is_served_as_an_attachment_on_request_with_safe_headers(
    architecture, editor, api_client_for, committed
):
    client = api_client_for(editor)
    status = make_pack(client, architecture, committed)

    response = client.get(status["pdf"] + "&download=1")

    assert response["Content-Disposition"] == (
        f'attachment; filename="e-commerce-platform-review-pack-r{architecture.revision}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


def test_asking_again_while_one_is_queued_answers_that_one(architecture, editor, api_client_for):
    client = api_client_for(editor)

    first = client.post(api_url("api-review-pack-list", architecture))
    second = client.post(api_url("api-review-pack-list", architecture))

    assert first.json()["job"] == second.json()["job"]
    assert Job.objects.filter(kind="review_pack").count() == 1
    status = client.get(first.json()["url"]).json()
    assert status["status"] == "queued" and status["pdf"] is None


def test_only_the_newest_packs_are_kept(architecture, editor, api_client_for, committed, settings):
    settings.REVIEW_PACKS_KEPT = 1
    client = api_client_for(editor)

    make_pack(client, architecture, committed)
    newest = make_pack(client, architecture, committed)

    assert list(ReviewPack.objects.values_list("job_id", flat=True)) == [newest["id"]]


def test_a_viewer_may_read_a_pack_but_not_ask_for_one(
    architecture, editor, viewer, api_client_for, committed
):
    status = make_pack(api_client_for(editor), architecture, committed)
    client = api_client_for(viewer)

    refused = client.post(api_url("api-review-pack-list", architecture))

    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert client.get(status["pdf"]).status_code == 200


def test_an_outsider_gets_404_for_asking_the_status_and_the_pdf(
    architecture, editor, outsider, api_client_for, committed
):
    status = make_pack(api_client_for(editor), architecture, committed)
    client = api_client_for(outsider)

    assert client.post(api_url("api-review-pack-list", architecture)).status_code == 404
    job = status["id"]
    assert client.get(api_url("api-review-pack", architecture, pk=job)).status_code == 404
    assert client.get(api_url("api-review-pack-pdf", architecture, pk=job)).status_code == 404
