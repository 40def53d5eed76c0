"""Job pages: only members of the job's workspace see a job, its status and the list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.jobs.models import Job, JobStatus
from apps.jobs.services import enqueue_job


@pytest.fixture
def queued_job(workspace, editor) -> Job:
    # Never sent: the test transaction does not commit, so the job stays queued.
    return enqueue_job(actor=editor, kind="import_spec", workspace=workspace, input={})


@pytest.fixture
def other_workspace_job(other_workspace, outsider) -> Job:
    return enqueue_job(actor=outsider, kind="import_spec", workspace=other_workspace, input={})


def test_a_queued_job_page_polls_its_status_every_second(client_for, viewer, queued_job):
    response = client_for(viewer).get(reverse("jobs:detail", args=[queued_job.pk]))

    assert response.status_code == 200
    status_url = reverse("jobs:status", args=[queued_job.pk])
    assert f'hx-get="{status_url}"' in response.text
    assert 'hx-trigger="every 1s"' in response.text
    assert 'data-status="queued"' in response.text


def test_the_status_partial_stops_polling_once_the_job_finished(client_for, editor, queued_job):
    client = client_for(editor)
    Job.objects.filter(pk=queued_job.pk).update(status=JobStatus.RUNNING, progress=40)

    running = client.get(reverse("jobs:status", args=[queued_job.pk]), HTTP_HX_REQUEST="true")
    Job.objects.filter(pk=queued_job.pk).update(status=JobStatus.FAILED, error="it broke")
    finished = client.get(reverse("jobs:status", args=[queued_job.pk]), HTTP_HX_REQUEST="true")

    assert "<html" not in running.text  # the partial alone
    assert 'hx-trigger="every 1s"' in running.text
    assert 'value="40"' in running.text
    assert "hx-trigger" not in finished.text
    assert "it broke" in finished.text


@pytest.mark.parametrize("page", ["jobs:detail", "jobs:status"])
def test_an_outsider_does_not_see_another_workspaces_job(
    client_for, outsider, other_workspace, queued_job, page
):
    response = client_for(outsider).get(reverse(page, args=[queued_job.pk]))

    assert response.status_code == 404


def test_a_member_does_not_see_jobs_of_a_workspace_they_are_not_in(
    client_for, editor, other_workspace_job
):
    client = client_for(editor)

    assert client.get(reverse("jobs:detail", args=[other_workspace_job.pk])).status_code == 404
    assert client.get(reverse("jobs:list", args=["globex"])).status_code == 404


def test_a_missing_job_is_404(client_for, owner, workspace):
    assert client_for(owner).get(reverse("jobs:detail", args=[999999])).status_code == 404


def test_the_job_list_shows_the_workspaces_latest_runs(
    client_for, viewer, workspace, editor, other_workspace_job, django_assert_max_num_queries
):
    jobs = [
        enqueue_job(actor=editor, kind="import_spec", workspace=workspace, input={})
        for _ in range(3)
    ]
    client = client_for(viewer)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("jobs:list", args=[workspace.slug]))

    assert response.status_code == 200
    for job in jobs:
        assert reverse("jobs:detail", args=[job.pk]) in response.text
    assert reverse("jobs:detail", args=[other_workspace_job.pk]) not in response.text
    assert reverse("jobs:import", args=[workspace.slug]) not in response.text  # viewers cannot


def test_the_job_list_offers_an_import_to_editors(client_for, editor, workspace):
    response = client_for(editor).get(reverse("jobs:list", args=[workspace.slug]))

    assert reverse("jobs:import", args=[workspace.slug]) in response.text
