"""The spec import page: a valid document becomes a job that imports it, a bad one
is refused with its errors and leaves nothing behind."""

from __future__ import annotations

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from apps.architectures.models import Architecture
from apps.architectures.selectors import architecture_spec
from apps.jobs.models import Job, JobStatus
from microservices.spec import dump_architecture, parse_architecture

from .conftest import import_url, latest_job

REFERENCE_PLACEHOLDERS = {"auth-service", "payment-service", "product-service", "user-service"}


def test_an_editor_imports_the_reference_example_and_lands_on_a_succeeded_job_page(
    client_for, editor, workspace, upload, reference_yaml, reference_spec
):
    client = client_for(editor)

    response = upload(client, import_url(workspace), reference_yaml, name="ecommerce.yaml")

    job = latest_job()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'data-status="succeeded"' in page.text
    assert "hx-trigger" not in page.text  # finished: the page stops polling
    architecture = Architecture.objects.get(workspace=workspace)
    architecture_url = reverse("architectures:detail", args=[workspace.slug, architecture.slug])
    assert f'href="{architecture_url}"' in page.text
    assert "Created E-Commerce Platform" in page.text
    assert architecture_spec(architecture) == reference_spec
    services = {service.name: service.placeholder for service in reference_spec.services}
    assert {name for name, placeholder in services.items() if placeholder} == REFERENCE_PLACEHOLDERS
    assert job.result["outcome"] == "created"
    assert job.result["placeholders"] == len(REFERENCE_PLACEHOLDERS)
    assert (job.kind, job.user, job.architecture, job.attempts) == (
        "import_spec",
        editor,
        architecture,
        1,
    )


def test_a_pasted_json_document_is_imported_too(
    client_for, owner, workspace, django_capture_on_commit_callbacks, reference_spec
):
    document = dump_architecture(reference_spec, "json")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(import_url(workspace), {"text": document})

    assert response.status_code == 302
    assert latest_job().status == JobStatus.SUCCEEDED
    assert latest_job().input["format"] == "json"
    assert architecture_spec(Architecture.objects.get(workspace=workspace)) == reference_spec


def test_the_import_page_states_the_size_limit(client_for, editor, workspace, settings):
    settings.SPEC_UPLOAD_MAX_BYTES = 2 * 1024 * 1024

    response = client_for(editor).get(import_url(workspace))

    assert response.status_code == 200
    assert f"at most {filesizeformat(2 * 1024 * 1024)}" in response.text


def test_replacing_an_architecture_keeps_its_slug_and_takes_the_documents_contents(
    client_for, editor, workspace, architecture, upload, reference_spec
):
    without_inventory = [s for s in reference_spec.services if s.name != "inventory-service"]
    smaller = reference_spec.model_copy(
        update={"name": "Shop", "slug": "shop", "services": without_inventory}
    )
    document = dump_architecture(smaller)

    response = upload(client_for(editor), import_url(workspace, architecture), document)

    job = latest_job()
    assert response.status_code == 302
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["outcome"] == "replaced"
    replaced = Architecture.objects.get(workspace=workspace)
    assert replaced.pk == architecture.pk
    assert (replaced.slug, replaced.name) == (architecture.slug, "Shop")
    expected = parse_architecture(document).model_copy(update={"slug": architecture.slug})
    stored = architecture_spec(replaced)
    assert stored == expected
    # Still referenced (by order-service and the saga), so kept as a placeholder.
    assert next(s for s in stored.services if s.name == "inventory-service").placeholder


def test_the_replace_page_names_the_architecture_it_replaces(
    client_for, editor, workspace, architecture
):
    response = client_for(editor).get(import_url(workspace, architecture))

    assert response.status_code == 200
    assert f"Replace {architecture.name}" in response.text


@pytest.mark.parametrize(
    ("broken", "fixed", "expected"),
    [
        (
            "pattern: [event-driven",
            "pattern: event-driven",
            # The parser notices the unclosed list on the next line.
            "line 6: invalid YAML: did not find expected &#x27;,&#x27; or &#x27;]&#x27;",
        ),
        (
            "pattern: event-drivn",
            "pattern: event-driven",
            "line 5: pattern: Input should be &#x27;event-driven&#x27;",
        ),
        (
            "mode: sometimes",
            "mode: sync",
            "line 33: services[2].dependencies[0].mode: Input should be &#x27;sync&#x27;",
        ),
    ],
    ids=["yaml-syntax-error", "wrong-pattern", "wrong-dependency-mode"],
)
def test_a_bad_document_is_refused_with_its_line_and_nothing_is_written(
    client_for, editor, workspace, upload, reference_yaml, broken, fixed, expected
):
    document = reference_yaml.replace(fixed, broken, 1)

    response = upload(client_for(editor), import_url(workspace), document)

    assert response.status_code == 400
    assert "Nothing was imported" in response.text
    assert expected in response.text
    assert not Job.objects.exists()
    assert not Architecture.objects.exists()


def test_a_file_over_the_size_limit_is_refused(
    client_for, editor, workspace, upload, reference_yaml, settings
):
    settings.SPEC_UPLOAD_MAX_BYTES = 1000

    response = upload(client_for(editor), import_url(workspace), reference_yaml)

    assert response.status_code == 400
    assert f"The file is {len(reference_yaml.encode()):,} bytes; the limit is 1,000 bytes" in (
        response.text
    )
    assert not Job.objects.exists()
    assert not Architecture.objects.exists()


def test_pasted_text_over_the_size_limit_is_refused(
    client_for, editor, workspace, reference_yaml, settings
):
    settings.SPEC_UPLOAD_MAX_BYTES = 1000

    response = client_for(editor).post(import_url(workspace), {"text": reference_yaml})

    assert response.status_code == 400
    assert "the limit is 1,000 bytes" in response.text
    assert not Job.objects.exists()


def test_a_document_that_is_not_json_as_claimed_is_refused(
    client_for, editor, workspace, upload, reference_yaml
):
    response = upload(client_for(editor), import_url(workspace), reference_yaml, name="spec.json")

    assert response.status_code == 400
    assert "line 1: invalid JSON" in response.text
    assert not Job.objects.exists()


def test_a_file_and_pasted_text_together_are_refused(
    client_for, editor, workspace, upload, reference_yaml
):
    response = upload(client_for(editor), import_url(workspace), reference_yaml, text="name: x")

    assert response.status_code == 400
    assert "Upload a file or paste a document (one of the two)." in response.text
    assert not Job.objects.exists()


def test_importing_under_a_slug_already_taken_points_to_replacing_instead(
    client_for, editor, workspace, architecture, upload, reference_yaml
):
    response = upload(client_for(editor), import_url(workspace), reference_yaml)

    assert response.status_code == 400
    assert (
        "line 4: slug: the workspace already has an architecture with the slug "
        "&#x27;e-commerce-platform&#x27;; to replace it, start the import from that architecture"
    ) in response.text
    assert not Job.objects.exists()
    assert Architecture.objects.get(workspace=workspace).revision == architecture.revision


def test_replacing_with_the_name_of_another_architecture_is_refused(
    client_for, editor, workspace, architecture, upload, reference_spec
):
    other = reference_spec.model_copy(update={"name": "Other", "slug": "other"})
    upload(client_for(editor), import_url(workspace), dump_architecture(other))
    target = Architecture.objects.get(slug="other")

    response = upload(
        client_for(editor), import_url(workspace, target), dump_architecture(reference_spec)
    )

    assert response.status_code == 400
    assert "line 3: name: the workspace already has another architecture named" in response.text
    assert Job.objects.filter(kind="import_spec").count() == 1


def test_a_viewer_may_not_import(client_for, viewer, workspace, upload, reference_yaml):
    client = client_for(viewer)

    assert client.get(import_url(workspace)).status_code == 403
    assert upload(client, import_url(workspace), reference_yaml).status_code == 403
    assert not Job.objects.exists()


def test_an_outsider_does_not_see_the_import_page(
    client_for, outsider, workspace, upload, reference_yaml
):
    client = client_for(outsider)

    assert client.get(import_url(workspace)).status_code == 404
    assert upload(client, import_url(workspace), reference_yaml).status_code == 404
    assert not Job.objects.exists()


def test_an_architecture_of_another_workspace_cannot_be_the_target(
    client_for, editor, workspace, other_architecture
):
    url = f"{reverse('jobs:import', args=[workspace.slug])}?architecture={other_architecture.slug}"

    assert client_for(editor).get(url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, workspace):
    response = client.get(import_url(workspace))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
