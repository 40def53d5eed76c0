"""An export crossing Redis to a real worker process, against PostgreSQL, through the API."""

from __future__ import annotations

import io
import zipfile

import pytest

from apps.exports.models import Export
from apps.jobs.models import JobStatus
from tests.services import wait_for_job

from .conftest import api_url

pytestmark = pytest.mark.integration


def test_an_export_of_the_reference_architecture_runs_on_the_worker_and_downloads(
    tasks_on_worker, architecture, editor, viewer, api_client_for
):
    response = api_client_for(editor).post(
        api_url("export-list", architecture), {"options": {"namespace": "shop"}}, format="json"
    )
    assert response.status_code == 202

    export = Export.objects.select_related("job").get(pk=response.json()["id"])
    job = wait_for_job(export.job)

    assert job.status == JobStatus.SUCCEEDED, job.error
    client = api_client_for(viewer)
    body = client.get(response.json()["url"]).json()
    archive = client.get(body["archive"])
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert names == [item["path"] for item in body["files"]] and "README.md" in names
    readme = client.get(f"{body['files_url']}README.md")
    assert readme.status_code == 200 and b"shop" in readme.content
