"""Job pages: start a spec import, follow a job's progress, list a workspace's jobs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from apps.architectures.selectors import get_architecture
from apps.workspaces.access import Action, get_workspace_for

from .forms import SpecImportForm
from .handlers.import_spec import KIND as IMPORT_SPEC
from .handlers.import_spec import import_input
from .models import Job
from .services import enqueue_job

RECENT_JOBS = 50


@login_required
@require_http_methods(["GET", "POST"])
def import_spec_page(request: HttpRequest, workspace: str) -> HttpResponse:
    """Upload or paste a spec; a valid one is imported by a job, a bad one is shown why."""
    workspace_obj = get_workspace_for(request.user, workspace, Action.EDIT)
    target = None
    if slug := request.GET.get("architecture"):
        target = get_architecture(request.user, slug, Action.EDIT, workspace=workspace_obj.slug)
    form_kwargs = {"workspace": workspace_obj, "target": target}
    status = 200
    if request.method == "POST":
        form = SpecImportForm(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            data = form.cleaned_data
            job = enqueue_job(
                actor=request.user,
                kind=IMPORT_SPEC,
                workspace=workspace_obj,
                architecture=target,
                input=import_input(
                    document=data["document"],
                    fmt=data["format"],
                    target=target,
                    filename=data["filename"],
                ),
            )
            return redirect("jobs:detail", pk=job.pk)
        status = 400
    else:
        form = SpecImportForm(**form_kwargs)
    trail = [("Replace" if target else "Import", "")]
    context = {"form": form, "workspace": workspace_obj, "target": target, "trail": trail}
    return render(request, "jobs/import.html", context, status=status)


def _job_for(request: HttpRequest, pk: int) -> Job:
    jobs = Job.objects.for_user(request.user).select_related("workspace", "architecture", "user")
    return get_object_or_404(jobs.defer("input"), pk=pk)


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    trail = [("Jobs", reverse("jobs:list", args=[job.workspace.slug])), (f"#{job.pk}", "")]
    return render(request, "jobs/job_detail.html", {"job": job, "trail": trail})


@login_required
@require_GET
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status block alone, which the job page polls until the job finishes."""
    return render(request, "jobs/_job_status.html", {"job": _job_for(request, pk)})


@login_required
@require_GET
def job_list(request: HttpRequest, workspace: str) -> HttpResponse:
    workspace_obj = get_workspace_for(request.user, workspace, Action.VIEW)
    jobs = (
        Job.objects.filter(workspace=workspace_obj)
        .without_payload()
        .select_related("architecture", "user")[:RECENT_JOBS]
    )
    context = {
        "workspace": workspace_obj,
        "jobs": jobs,
        "limit": RECENT_JOBS,
        "trail": [("Jobs", "")],
    }
    return render(request, "jobs/job_list.html", context)
