"""The validation API: validations, SARIF, suppressions and rule settings, with their permissions."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from apps.architectures.services import import_spec
from apps.jobs.models import Job, JobStatus
from apps.validation.models import RuleSetting, Suppression
from apps.validation.services import KIND, request_validation
from microservices.synth import synthesize

from .conftest import api_url, latest_run, validation_jobs

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
USER_SERVICE_PLACEHOLDER = "MS101|service:user-service"
MAX_QUERIES = 12


def test_posting_a_validation_answers_202_with_the_job_and_its_url(
    architecture, editor, api_client_for, committed
):
    response = committed(api_client_for(editor).post, api_url("validation-list", architecture))

    assert response.status_code == 202
    job = validation_jobs(architecture).get()
    assert response.json()["job"] == job.pk
    assert response.json()["url"].endswith(f"/validations/{job.pk}/")


def test_posting_while_one_is_queued_answers_that_one(architecture, editor, api_client_for):
    queued = Job.objects.create(
        kind=KIND, workspace=architecture.workspace, architecture=architecture
    )

    response = api_client_for(editor).post(api_url("validation-list", architecture))

    assert response.status_code == 202 and response.json()["job"] == queued.pk
    assert validation_jobs(architecture).count() == 1


def test_a_validation_has_its_status_counts_findings_and_staleness(
    validated, viewer, api_client_for
):
    job = validation_jobs(validated).get()
    client = api_client_for(viewer)

    body = client.get(api_url("validation-detail", validated, pk=job.pk)).json()

    assert body["status"] == "succeeded" and body["progress"] == 100
    assert body["revision"] == validated.revision and body["stale"] is False
    assert body["counts"]["error"] >= 4
    rules = {finding["rule"] for finding in body["findings"]}
    assert "MS101" in rules
    assert body["sarif"].endswith(f"/validations/{job.pk}/sarif/")
    latest = client.get(api_url("validation-latest", validated)).json()
    assert latest["id"] == job.pk
    listed = client.get(api_url("validation-list", validated)).json()
    assert [item["id"] for item in listed] == [job.pk] and "findings" not in listed[0]


def test_latest_is_404_before_any_validation(architecture, viewer, api_client_for):
    response = api_client_for(viewer).get(api_url("validation-latest", architecture))

    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_validation_of_another_architecture_is_404(
    validated, other_architecture, outsider, viewer, api_client_for
):
    other_job = Job.objects.create(
        kind=KIND, workspace=other_architecture.workspace, architecture=other_architecture
    )

    response = api_client_for(viewer).get(api_url("validation-detail", validated, pk=other_job.pk))

    assert response.status_code == 404


def test_sarif_output_has_its_media_type_and_marks_suppressed_results(
    validated, owner, viewer, api_client_for
):
    Suppression.objects.create(
        architecture=validated, fingerprint=USER_SERVICE_PLACEHOLDER, reason="partner", user=owner
    )
    job = validation_jobs(validated).get()

    response = api_client_for(viewer).get(api_url("validation-sarif", validated, pk=job.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/sarif+json"
    log = json.loads(response.content)
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(suppressed) == 1 and suppressed[0]["suppressions"][0]["justification"] == "partner"
    if not SARIF_SCHEMA.exists() and os.environ.get("CI", "").lower() != "true":
        pytest.skip(f"no SARIF schema at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text())
    errors = [error.message for error in Draft4Validator(schema).iter_errors(log)]
    assert errors == []


def test_suppressions_are_listed_created_and_deleted(validated, editor, api_client_for):
    client = api_client_for(editor)

    created = client.post(
        api_url("suppression-list", validated),
        {"fingerprint": USER_SERVICE_PLACEHOLDER, "reason": "partner"},
        format="json",
    )

    assert created.status_code == 201 and created.json()["user"] == "eddie"
    assert created.json()["rule_id"] == "MS101"
    listed = client.get(api_url("suppression-list", validated)).json()
    assert [s["fingerprint"] for s in listed] == [USER_SERVICE_PLACEHOLDER]
    job = validation_jobs(validated).get()
    finding = next(
        f
        for f in client.get(api_url("validation-detail", validated, pk=job.pk)).json()["findings"]
        if f["fingerprint"] == USER_SERVICE_PLACEHOLDER
    )
    assert finding["suppressed"] is True
    deleted = client.delete(api_url("suppression-detail", validated, pk=created.json()["id"]))
    assert deleted.status_code == 204 and not Suppression.objects.exists()


def test_a_suppression_without_a_reason_is_400_in_the_error_format(
    validated, editor, api_client_for
):
    response = api_client_for(editor).post(
        api_url("suppression-list", validated),
        {"fingerprint": USER_SERVICE_PLACEHOLDER},
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["detail"] == "say why this finding is acceptable"
    assert [error["field"] for error in body["errors"]] == ["reason"]


def test_rule_settings_are_read_put_and_reset(validated, editor, api_client_for):
    client = api_client_for(editor)
    url = api_url("rule-setting-detail", validated, rule_id="MS401")

    assert client.get(url).json()["disabled"] is False
    response = client.put(url, {"thresholds": {"assumed_availability": 0.99}}, format="json")

    assert response.status_code == 200
    assert RuleSetting.objects.get().thresholds == {"assumed_availability": 0.99}
    assert client.get(api_url("rule-setting-list", validated)).json()[0]["rule_id"] == "MS401"
    assert client.delete(url).status_code == 204 and not RuleSetting.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"thresholds": {"no_such_threshold": 1}}, "thresholds.no_such_threshold"),
        ({"thresholds": {"assumed_availability": "high"}}, "thresholds.assumed_availability"),
        ({"disabled": True}, "reason"),
        ({"disabled": "yes"}, "disabled"),
    ],
)
def test_a_bad_rule_setting_is_400_naming_the_field(validated, editor, api_client_for, body, field):
    url = api_url("rule-setting-detail", validated, rule_id="MS401")

    response = api_client_for(editor).put(url, body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert not RuleSetting.objects.exists()


def test_an_unknown_rule_is_404(validated, viewer, api_client_for):
    url = api_url("rule-setting-detail", validated, rule_id="MS999")

    assert api_client_for(viewer).get(url).status_code == 404


def write_requests(architecture):
    rule = api_url("rule-setting-detail", architecture, rule_id="MS101")
    return [
        ("post", api_url("validation-list", architecture), {}),
        ("post", api_url("suppression-list", architecture), {"fingerprint": "x", "reason": "y"}),
        ("delete", api_url("suppression-detail", architecture, pk=1), None),
        ("put", rule, {"disabled": True, "reason": "no"}),
        ("delete", rule, None),
    ]


def read_requests(architecture):
    return [
        api_url("validation-list", architecture),
        api_url("validation-latest", architecture),
        api_url("validation-detail", architecture, pk=1),
        api_url("validation-sarif", architecture, pk=1),
        api_url("suppression-list", architecture),
        api_url("rule-setting-list", architecture),
        api_url("rule-setting-detail", architecture, rule_id="MS101"),
    ]


def test_viewers_get_403_on_every_write(validated, viewer, api_client_for):
    client = api_client_for(viewer)

    for method, url, body in write_requests(validated):
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 403, (method, url)
    assert validation_jobs(validated).count() == 1
    assert not Suppression.objects.exists() and not RuleSetting.objects.exists()


def test_outsiders_get_404_on_every_endpoint(
    validated, other_architecture, outsider, api_client_for
):
    client = api_client_for(outsider)

    for method, url, body in write_requests(validated):
        assert getattr(client, method)(url, body, format="json").status_code == 404, url
    for url in read_requests(validated):
        assert client.get(url).status_code == 404, url
    # their own architecture of the same content answers
    assert client.get(api_url("validation-list", other_architecture)).status_code == 200


def test_anonymous_requests_are_401(validated, api_client_for):
    assert api_client_for(None).get(api_url("validation-list", validated)).status_code == 401


def test_the_schema_documents_the_validation_api(api_client_for, viewer):
    schema = api_client_for(None).get("/api/schema/?format=json").json()

    paths = schema["paths"]
    base = "/api/architectures/{slug}/"
    assert "post" in paths[f"{base}validations/"]
    assert "202" in paths[f"{base}validations/"]["post"]["responses"]
    assert (
        "application/sarif+json"
        in (paths[f"{base}validations/{{id}}/sarif/"]["get"]["responses"]["200"]["content"])
    )
    assert {"get", "put", "delete"} <= set(paths[f"{base}rule-settings/{{rule_id}}/"])
    assert "delete" in paths[f"{base}suppressions/{{id}}/"]


def test_reading_a_validation_with_many_findings_costs_a_fixed_number_of_queries(
    workspace, owner, viewer, api_client_for, committed, django_assert_max_num_queries
):
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=synthesize(300))
    committed(request_validation, architecture, owner)
    run = latest_run(architecture)
    assert len(run.findings) > 100
    client = api_client_for(viewer)

    for name in ("validation-detail", "validation-sarif"):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(api_url(name, architecture, pk=run.job_id))
        assert response.status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(api_url("validation-list", architecture)).status_code == 200


def test_a_failed_validation_reports_its_error(architecture, viewer, api_client_for):
    job = Job.objects.create(
        kind=KIND,
        workspace=architecture.workspace,
        architecture=architecture,
        status=JobStatus.FAILED,
        error="boom",
    )

    body = api_client_for(viewer).get(api_url("validation-detail", architecture, pk=job.pk)).json()

    assert body["status"] == "failed" and body["error"] == "boom"
    assert body["findings"] == [] and body["counts"] is None


def test_members_of_one_workspace_get_404_for_another_workspaces_architecture(
    validated, other_architecture, editor, api_client_for
):
    client = api_client_for(editor)

    for method, url, body in write_requests(other_architecture):
        assert getattr(client, method)(url, body, format="json").status_code == 404, url
    for url in read_requests(other_architecture):
        assert client.get(url).status_code == 404, url
