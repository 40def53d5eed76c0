"""The validation pages: findings, rule settings, the catalogue, and the architecture page's card."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures.services import import_spec
from apps.jobs.models import Job, JobStatus
from apps.validation.models import RuleSetting, Suppression
from apps.validation.services import KIND, request_validation
from microservices.synth import synthesize

from .conftest import latest_run, page_url, validation_jobs

pytestmark = pytest.mark.django_db

USER_SERVICE_PLACEHOLDER = "MS101|service:user-service"
# Session, user, architecture and role, then a fixed set: run, suppressions, pending job.
MAX_QUERIES = 12


def test_the_findings_page_groups_by_severity_and_rule_with_links_rationale_and_fix(
    validated, viewer, client_for
):
    response = client_for(viewer).get(page_url("findings", validated))

    html = response.text
    assert response.status_code == 200
    assert html.index('id="error"') < html.index('id="warning"') < html.index('id="info"')
    assert 'id="rule-MS101"' in html
    assert "user-service is referenced" in html
    service_page = reverse("architectures:service", args=["acme", validated.slug, "user-service"])
    assert f'href="{service_page}"' in html
    gateway_page = reverse("architectures:gateway", args=["acme", validated.slug, "api-gateway"])
    assert f'href="{gateway_page}"' in html
    assert "Why it matters and how to fix it" in html
    assert 'name="reason"' not in html and "Validate now" not in html  # a viewer's page


def test_an_editor_sees_the_suppress_forms_and_validate_now(validated, editor, client_for):
    html = client_for(editor).get(page_url("findings", validated)).text

    assert f'value="{USER_SERVICE_PLACEHOLDER}"' in html
    assert "Validate now" in html


def test_suppressing_moves_the_finding_to_the_suppressed_section_and_back(
    validated, editor, client_for
):
    client = client_for(editor)

    response = client.post(
        page_url("suppress", validated),
        {"fingerprint": USER_SERVICE_PLACEHOLDER, "reason": "run by a partner"},
    )

    assert response.status_code == 302
    html = client.get(page_url("findings", validated)).text
    suppressed = html.split('id="suppressed"', 1)[1]
    assert "user-service is referenced" in suppressed and "run by a partner" in suppressed
    assert "user-service is referenced" not in html.split('id="suppressed"', 1)[0]
    suppression = Suppression.objects.get()
    assert suppression.user == editor
    assert suppression.reason == "run by a partner"

    client.post(page_url("unsuppress", validated, suppression.pk))
    assert not Suppression.objects.exists()


def test_a_suppression_without_a_reason_is_refused(validated, editor, client_for):
    client = client_for(editor)

    client.post(page_url("suppress", validated), {"fingerprint": USER_SERVICE_PLACEHOLDER})

    assert not Suppression.objects.exists()
    assert "say why this finding is acceptable" in client.get(page_url("findings", validated)).text


def test_validate_now_queues_a_run_and_shows_the_stale_banner_until_then(
    validated, editor, client_for, committed
):
    client = client_for(editor)
    validated.revision += 1
    validated.save(update_fields=["revision"])
    assert "may be out of date" in client.get(page_url("findings", validated)).text

    response = committed(client.post, page_url("validate", validated))

    assert response.status_code == 302
    assert validation_jobs(validated).count() == 2
    assert "may be out of date" not in client.get(page_url("findings", validated)).text


def test_a_pending_validation_shows_its_progress_and_is_polled(validated, viewer, client_for):
    job = Job.objects.create(
        kind=KIND,
        workspace=validated.workspace,
        architecture=validated,
        status=JobStatus.RUNNING,
        progress=40,
        message="Running the rules",
    )
    client = client_for(viewer)

    html = client.get(page_url("findings", validated)).text
    status = client.get(page_url("status", validated))

    assert 'hx-trigger="every 1s"' in html and "Running the rules" in html
    assert 'value="40"' in status.text and "HX-Refresh" not in status
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED)
    assert client.get(page_url("status", validated))["HX-Refresh"] == "true"


def test_the_rule_settings_page_disables_a_rule_with_a_reason(validated, editor, client_for):
    client = client_for(editor)

    response = client.post(
        page_url("rules", validated),
        {"rule_id": "MS101", "disabled": "1", "reason": "placeholders are deliberate"},
    )

    assert response.status_code == 302
    setting = RuleSetting.objects.get()
    assert setting.disabled and setting.reason == "placeholders are deliberate"
    assert setting.user == editor
    assert "placeholders are deliberate" in client.get(page_url("rules", validated)).text


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"rule_id": "MS401", "threshold-assumed_availability": "high"}, "must be a number"),
        ({"rule_id": "MS101", "disabled": "1"}, "say why the rule is disabled"),
        ({"rule_id": "MS999"}, "there is no rule"),
    ],
)
def test_the_rule_settings_page_shows_errors_inline(validated, editor, client_for, fields, error):
    response = client_for(editor).post(page_url("rules", validated), fields)

    assert response.status_code == 400
    assert error in response.text
    assert not RuleSetting.objects.exists()


def test_the_rule_settings_page_overrides_a_threshold(validated, editor, client_for):
    client_for(editor).post(
        page_url("rules", validated),
        {"rule_id": "MS401", "threshold-assumed_availability": "0.99"},
    )

    assert RuleSetting.objects.get().thresholds == {"assumed_availability": 0.99}


def test_the_catalogue_lists_every_rule_with_its_thresholds(viewer, client_for):
    html = client_for(viewer).get(reverse("validation:catalogue")).text

    assert 'id="MS101"' in html and 'id="MS401"' in html
    assert "assumed_availability" in html and "0.999" in html


def test_the_catalogue_needs_a_login(client_for):
    response = client_for(None).get(reverse("validation:catalogue"))

    assert response.status_code == 302 and "login" in response["Location"]


def test_the_architecture_page_shows_the_counts_and_badges_per_service(
    validated, viewer, client_for
):
    html = (
        client_for(viewer).get(reverse("architectures:detail", args=["acme", validated.slug])).text
    )

    card = html.split('id="validation"', 1)[1].split("</section>", 1)[0]
    counts = latest_run(validated).counts
    assert f"<strong>{counts['error']}</strong><span>errors</span>" in card
    assert page_url("findings", validated) in card
    table = html.split('id="services-table"', 1)[1]
    row = table.split(">payment-service</a>", 1)[1].split("</td>", 1)[0]
    assert "error" in row and "badge-danger" in row


@pytest.mark.parametrize(
    ("name", "method", "args"),
    [
        ("findings", "get", ()),
        ("status", "get", ()),
        ("rules", "get", ()),
        ("validate", "post", ()),
        ("suppress", "post", ()),
        ("rules", "post", ()),
        ("unsuppress", "post", (1,)),
    ],
)
def test_outsiders_get_404_on_every_page(
    validated, other_architecture, outsider, client_for, name, method, args
):
    client = client_for(outsider)

    assert getattr(client, method)(page_url(name, validated, *args)).status_code == 404
    # and the same slug under their own workspace's URL is no way in either
    url = reverse(f"validation:{name}", args=["acme", other_architecture.slug, *args])
    assert getattr(client, method)(url).status_code == 404


@pytest.mark.parametrize("name", ["validate", "suppress", "rules"])
def test_viewers_may_not_change_anything(validated, viewer, client_for, name):
    response = client_for(viewer).post(
        page_url(name, validated),
        {"fingerprint": USER_SERVICE_PLACEHOLDER, "reason": "x", "rule_id": "MS101"},
    )

    assert response.status_code == 403
    assert not Suppression.objects.exists() and not RuleSetting.objects.exists()
    assert validation_jobs(validated).count() == 1


def test_viewers_may_not_unsuppress(validated, owner, viewer, client_for):
    suppression = Suppression.objects.create(
        architecture=validated, fingerprint=USER_SERVICE_PLACEHOLDER, reason="ok", user=owner
    )

    response = client_for(viewer).post(page_url("unsuppress", validated, suppression.pk))

    assert response.status_code == 403 and Suppression.objects.exists()


def test_the_findings_page_of_a_large_architecture_costs_a_fixed_number_of_queries(
    workspace, owner, viewer, client_for, committed, django_assert_max_num_queries
):
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=synthesize(300))
    committed(request_validation, architecture, owner)
    run = latest_run(architecture)
    assert len(run.findings) > 100
    Suppression.objects.create(
        architecture=architecture, fingerprint=run.findings[0]["fingerprint"], reason="fine"
    )
    client = client_for(viewer)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(page_url("findings", architecture))

    assert response.status_code == 200


@pytest.mark.parametrize("name", ["findings", "rules"])
def test_members_get_404_for_another_workspaces_architecture(
    validated, other_architecture, editor, client_for, name
):
    url = reverse(f"validation:{name}", args=["globex", other_architecture.slug])

    assert client_for(editor).get(url).status_code == 404


def test_a_rule_with_many_findings_shows_the_first_ones_and_says_how_many_more(
    validated, viewer, client_for, monkeypatch
):
    monkeypatch.setattr("apps.validation.selectors.SHOWN_PER_RULE", 2)

    html = client_for(viewer).get(page_url("findings", validated)).text

    section = html.split('id="rule-MS101"', 1)[1].split("</article>", 1)[0]
    assert "(4)" in section and "And 2 more" in section
    assert section.count('<li class="finding"') == 2
