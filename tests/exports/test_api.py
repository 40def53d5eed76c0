"""The export API: targets, asking for exports, following them, downloading, permissions."""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml

from apps.exports.models import Export
from apps.exports.services import request_export
from apps.jobs.models import Job
from microservices.export import all_exporters

from .conftest import api_url, first_targets

pytestmark = pytest.mark.django_db

# Token, user, architecture and role, then the exports with their jobs and authors.
MAX_QUERIES = 8


def test_the_target_catalogue_lists_every_target_with_its_options(viewer, api_client_for):
    body = api_client_for(viewer).get("/api/export-targets/").json()

    names = [target["name"] for target in body["targets"]]
    assert names == list(all_exporters())
    assert all(target["title"] and target["description"] for target in body["targets"])
    assert "namespace" in body["options_schema"]["properties"]
    assert body["option_defaults"]["replicas"] >= 1


def test_an_export_asked_through_the_api_finishes_with_a_zip_matching_its_file_index(
    architecture, editor, viewer, api_client_for, committed
):
    targets = first_targets(2)

    response = committed(
        api_client_for(editor).post,
        api_url("export-list", architecture),
        {"targets": targets, "options": {"namespace": "shop", "replicas": 3}},
        format="json",
    )

    assert response.status_code == 202
    accepted = response.json()
    export = Export.objects.get()
    assert accepted["id"] == export.pk and accepted["job"] == export.job_id
    assert accepted["url"].endswith(f"/exports/{export.pk}/")
    client = api_client_for(viewer)
    body = client.get(accepted["url"]).json()
    assert body["status"] == "succeeded", body["error"]
    assert body["targets"] == sorted(targets) and body["options"]["namespace"] == "shop"
    assert body["files_done"] == body["files_total"] == len(body["files"])
    assert body["revision"] == architecture.revision
    archive = client.get(body["archive"])
    assert archive.status_code == 200
    assert archive["Content-Type"] == "application/zip"
    assert archive["Content-Disposition"].startswith("attachment;")
    assert archive["X-Content-Type-Options"] == "nosniff"
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert names == [item["path"] for item in body["files"]]
    assert "README.md" in names
    assert {name.split("/", 1)[0] for name in names if "/" in name} <= set(targets)
    assert body["size"] == len(archive.content)


def test_an_export_naming_no_target_exports_every_target_with_default_options(
    architecture, editor, api_client_for
):
    response = api_client_for(editor).post(api_url("export-list", architecture), {}, format="json")

    export = Export.objects.get(pk=response.json()["id"])
    assert export.targets == list(all_exporters())
    assert export.options["namespace"] == "" and export.options["replicas"] >= 1


def test_a_list_of_exports_has_revision_status_and_counts_without_the_files(
    exported, viewer, api_client_for
):
    listed = api_client_for(viewer).get(api_url("export-list", exported.architecture)).json()

    assert [item["id"] for item in listed] == [exported.pk]
    assert listed[0]["status"] == "succeeded" and listed[0]["revision"] == exported.revision
    assert listed[0]["files_total"] > 0 and "files" not in listed[0]


def test_one_file_downloads_with_its_media_type(exported, viewer, api_client_for):
    client = api_client_for(viewer)
    files = client.get(api_url("export-detail", exported.architecture, pk=exported.pk)).json()
    yaml_path = next(item["path"] for item in files["files"] if item["path"].endswith(".yaml"))

    readme = client.get(
        api_url("export-file", exported.architecture, pk=exported.pk, file="README.md")
    )
    manifest = client.get(
        api_url("export-file", exported.architecture, pk=exported.pk, file=yaml_path)
    )

    assert readme.status_code == 200 and readme["Content-Type"].startswith("text/plain")
    assert 'filename="README.md"' in readme["Content-Disposition"]
    assert readme["X-Content-Type-Options"] == "nosniff"
    assert exported.architecture.name in readme.content.decode()
    assert manifest["Content-Type"].startswith("application/yaml")
    assert list(yaml.safe_load_all(manifest.content))


@pytest.mark.parametrize("path", ["nothing/here.yaml", "README.md/..", "a\x00b"])
def test_a_file_the_export_does_not_have_is_404(exported, viewer, api_client_for, path):
    url = api_url("export-file", exported.architecture, pk=exported.pk, file="README.md")
    url = url.removesuffix("README.md") + path

    response = api_client_for(viewer).get(url)

    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"targets": ["kubernetes", "no-such-target"]}, "targets[1]"),
        ({"targets": "kubernetes"}, "targets"),
        ({"options": {"namespace": "Not_A_Label"}}, "options.namespace"),
        ({"options": {"replicas": 0}}, "options.replicas"),
        ({"options": {"replica": 3}}, "options.replica"),
        ({"options": ["namespace"]}, "options"),
        ({"target": ["kubernetes"]}, "target"),
    ],
)
def test_bad_targets_or_options_are_a_400_naming_them_and_queue_nothing(
    architecture, editor, api_client_for, committed, body, field
):
    response = committed(
        api_client_for(editor).post, api_url("export-list", architecture), body, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in [error["field"] for error in response.json()["errors"]]
    assert not Job.objects.exists() and not Export.objects.exists()


def test_a_viewer_may_read_exports_but_not_start_one(architecture, viewer, api_client_for):
    client = api_client_for(viewer)

    refused = client.post(api_url("export-list", architecture), {}, format="json")

    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert not Job.objects.exists()
    assert client.get(api_url("export-list", architecture)).status_code == 200


def test_the_archive_and_files_are_409_until_the_export_finished(
    architecture, editor, viewer, api_client_for
):
    # Never sent: the test transaction does not commit, so the job stays queued.
    export = request_export(actor=editor, architecture=architecture, targets=first_targets(1))
    client = api_client_for(viewer)

    archive = client.get(api_url("export-archive", architecture, pk=export.pk))
    one_file = client.get(api_url("export-file", architecture, pk=export.pk, file="README.md"))
    detail = client.get(api_url("export-detail", architecture, pk=export.pk)).json()

    assert archive.status_code == 409 and archive.json()["code"] == "not_finished"
    assert one_file.status_code == 409
    assert detail["status"] == "queued" and detail["archive"] is None and detail["files"] == []


def test_a_failed_export_shows_its_reason_and_has_no_archive_to_download(
    architecture, editor, viewer, api_client_for, committed, temporary_target
):
    def explode():
        raise KeyError("payment-service")

    failing = temporary_target("failing", {"ok.yaml": lambda: [{"a": 1}], "bad.yaml": explode})
    export = committed(request_export, actor=editor, architecture=architecture, targets=[failing])
    client = api_client_for(viewer)

    detail = client.get(api_url("export-detail", architecture, pk=export.pk)).json()
    archive = client.get(api_url("export-archive", architecture, pk=export.pk))

    assert detail["status"] == "failed" and detail["error"] == "KeyError: 'payment-service'"
    assert detail["archive"] is None and detail["files"] == []
    assert archive.status_code == 409 and "payment-service" in archive.json()["detail"]


@pytest.mark.parametrize(
    ("method", "name", "kwargs"),
    [
        ("get", "export-list", {}),
        ("post", "export-list", {}),
        ("get", "export-detail", {"pk": None}),
        ("get", "export-archive", {"pk": None}),
        ("get", "export-file", {"pk": None, "file": "README.md"}),
    ],
)
def test_an_outsider_gets_404_from_every_export_endpoint(
    exported, outsider, api_client_for, method, name, kwargs
):
    kwargs = {key: exported.pk if value is None else value for key, value in kwargs.items()}
    client = api_client_for(outsider)

    response = getattr(client, method)(api_url(name, exported.architecture, **kwargs))

    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert Export.objects.count() == 1


def test_an_export_of_another_architecture_is_404_under_this_one(
    exported, other_architecture, outsider, viewer, api_client_for, committed
):
    theirs = committed(
        request_export,
        actor=outsider,
        architecture=other_architecture,
        targets=first_targets(1),
    )

    response = api_client_for(viewer).get(
        api_url("export-archive", exported.architecture, pk=theirs.pk)
    )

    assert response.status_code == 404


def test_lists_and_details_take_a_fixed_number_of_queries(
    exported, editor, viewer, api_client_for, django_assert_max_num_queries
):
    architecture = exported.architecture
    for _ in range(15):
        request_export(actor=editor, architecture=architecture, targets=first_targets(1))
    # A file index the size of a large architecture's bundle.
    Export.objects.filter(pk=exported.pk).update(
        files=[[f"kubernetes/services/s{n:05}.yaml", 900, 0, 400] for n in range(20_000)]
    )
    client = api_client_for(viewer)

    with django_assert_max_num_queries(MAX_QUERIES):
        listed = client.get(api_url("export-list", architecture)).json()
    with django_assert_max_num_queries(MAX_QUERIES):
        detail = client.get(api_url("export-detail", architecture, pk=exported.pk)).json()

    assert len(listed) == 16 and len(detail["files"]) == 20_000


def test_the_export_endpoints_are_in_the_openapi_schema(viewer, api_client_for):
    document = yaml.safe_load(api_client_for(viewer).get("/api/schema/").content)

    operations = {
        operation["operationId"]: operation
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    for operation_id in ("export_targets", "export_list", "export_create", "export_archive"):
        assert operations[operation_id]["tags"] == ["exports"]
    assert "202" in operations["export_create"]["responses"]
    assert "409" in operations["export_archive"]["responses"]
