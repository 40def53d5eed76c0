"""The validation API, under /api/architectures/<slug>/ (see apps/api_urls.py).

validations/                       GET recent runs, POST to ask for one (202)
validations/latest/                GET the newest finished run
validations/<job>/                 GET status, progress, counts and findings
validations/<job>/sarif/           GET the findings as SARIF 2.1.0
suppressions/[<id>/]               GET, POST; DELETE one
rule-settings/[<rule_id>/]         GET; PUT and DELETE one

A validation is addressed by its job's id. Reads need the view role, writes the
edit role; architectures of other workspaces are 404. Errors use the API's one
format (apps/architectures/api/errors.py).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, JsonResponse
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from apps.architectures.api.locate import architecture_for
from apps.architectures.api.schema import READ_ERRORS, WORKSPACE_PARAMETER, WRITE_ERRORS
from apps.architectures.api.urls import ARCHITECTURE
from microservices.spec import Architecture as SpecArchitecture

from . import api_settings, schema, selectors, services
from .api_base import ArchitectureApiView
from .models import ValidationRun

RECENT = 20
SARIF_MEDIA_TYPE = "application/sarif+json"
COMMON = {"tags": ["validation"], "parameters": [WORKSPACE_PARAMETER]}


def _url(request, name: str, slug: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"slug": slug, **kwargs}))


def validation_data(request, architecture, job, run: ValidationRun | None, findings=None) -> dict:
    data: dict[str, Any] = {
        "id": job.pk,
        "url": _url(request, "api-validation-detail", architecture.slug, pk=job.pk),
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "error": job.error,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "revision": run.revision if run else None,
        "stale": run.is_stale_for(architecture) if run else None,
        "seconds": round(run.seconds, 4) if run else None,
        "counts": run.counts if run else None,
        "sarif": _url(request, "api-validation-sarif", architecture.slug, pk=job.pk)
        if run
        else None,
    }
    if findings is not None:
        data["findings"] = findings
    return data


def _run_of(job) -> ValidationRun | None:
    try:
        return job.validation_run
    except ValidationRun.DoesNotExist:
        return None


def _job(architecture, pk: int):
    job = (
        selectors.validation_jobs(architecture)
        .select_related("validation_run")
        .filter(pk=pk)
        .first()
    )
    if job is None:
        raise Http404
    return job


def _detail(request, architecture, job) -> dict:
    run = _run_of(job)
    findings = None
    if run is not None:
        findings, counts = selectors.current_findings(run, selectors.suppressions_of(architecture))
        run.counts = counts
    return validation_data(request, architecture, job, run, findings if run else [])


class ValidationListView(ArchitectureApiView):
    @extend_schema(
        operation_id="validation_list",
        summary="List the architecture's recent validations",
        responses={200: schema.ValidationResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str):
        architecture = architecture_for(request, slug)
        jobs = (
            selectors.validation_jobs(architecture)
            .select_related("validation_run")
            .defer("validation_run__findings")
            .order_by("-pk")[:RECENT]
        )
        return Response([validation_data(request, architecture, job, _run_of(job)) for job in jobs])

    @extend_schema(
        operation_id="validation_create",
        summary="Validate the architecture",
        description="Queues a validation job, or answers the one already queued (an "
        "architecture has one queued validation at most). Follow `url` until it finishes.",
        request=None,
        responses={202: schema.ValidationAccepted, **WRITE_ERRORS},
        **COMMON,
    )
    def post(self, request, slug: str):
        architecture = architecture_for(request, slug)
        job = services.request_validation(architecture, request.user)
        url = _url(request, "api-validation-detail", architecture.slug, pk=job.pk)
        return Response({"job": job.pk, "url": url}, status=status.HTTP_202_ACCEPTED)


class ValidationDetailView(ArchitectureApiView):
    @extend_schema(
        operation_id="validation_retrieve",
        summary="Get a validation: status, progress, counts and findings",
        responses={200: schema.ValidationResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str, pk: int):
        architecture = architecture_for(request, slug)
        return Response(_detail(request, architecture, _job(architecture, pk)))


class LatestValidationView(ArchitectureApiView):
    @extend_schema(
        operation_id="validation_latest",
        summary="Get the newest finished validation (404 when there is none)",
        responses={200: schema.ValidationResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str):
        architecture = architecture_for(request, slug)
        run = selectors.latest_run(architecture)
        if run is None or run.job is None:
            raise Http404
        return Response(_detail(request, architecture, _job(architecture, run.job_id)))


def sarif_document(architecture, run: ValidationRun, suppressions) -> dict:
    """The run as a SARIF 2.1.0 log; suppressed findings carry their justification."""
    from microservices.validation.engine import Report
    from microservices.validation.model import Finding, Severity, Subject
    from microservices.validation.sarif import sarif_log

    findings, counts = selectors.current_findings(run, suppressions)
    report = Report(
        findings=tuple(
            Finding(
                rule=f["rule"],
                severity=Severity(f["severity"]),
                title=f["title"],
                message=f["message"],
                subjects=tuple(Subject(*s.split(":", 1)) for s in f["subjects"]),
                data=f.get("data") or {},
            )
            for f in findings
        ),
        rules_run=tuple(run.rules_run),
        seconds=run.seconds,
        counts={s: counts.get(s, 0) for s in ("error", "warning", "info")},
    )
    spec = SpecArchitecture(name=architecture.name, slug=architecture.slug)
    log = sarif_log(report, spec)
    for result, finding in zip(log["runs"][0]["results"], findings, strict=True):
        if finding.get("suppressed"):
            suppression = finding["suppression"]
            result["suppressions"] = [
                {"kind": "external", "status": "accepted", "justification": suppression["reason"]}
            ]
    log["runs"][0]["properties"].update(revision=run.revision, stale=run.stale)
    return log


class ValidationSarifView(ArchitectureApiView):
    @extend_schema(
        operation_id="validation_sarif",
        summary="Get a validation's findings as a SARIF 2.1.0 log",
        responses={
            (200, SARIF_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.OBJECT, description="A SARIF 2.1.0 log (suppressed results marked)."
            ),
            **READ_ERRORS,
        },
        **COMMON,
    )
    def get(self, request, slug: str, pk: int):
        architecture = architecture_for(request, slug)
        run = _run_of(_job(architecture, pk))
        if run is None:
            raise Http404("the validation has not finished")
        run.architecture = architecture
        log = sarif_document(architecture, run, selectors.suppressions_of(architecture))
        return JsonResponse(log, content_type=SARIF_MEDIA_TYPE)


V = f"{ARCHITECTURE}validations/"
urlpatterns = [
    path(V, ValidationListView.as_view(), name="api-validation-list"),
    path(f"{V}latest/", LatestValidationView.as_view(), name="api-validation-latest"),
    path(f"{V}<int:pk>/", ValidationDetailView.as_view(), name="api-validation-detail"),
    path(f"{V}<int:pk>/sarif/", ValidationSarifView.as_view(), name="api-validation-sarif"),
    path(
        f"{ARCHITECTURE}suppressions/",
        api_settings.SuppressionListView.as_view(),
        name="api-suppression-list",
    ),
    path(
        f"{ARCHITECTURE}suppressions/<int:pk>/",
        api_settings.SuppressionDetailView.as_view(),
        name="api-suppression-detail",
    ),
    path(
        f"{ARCHITECTURE}rule-settings/",
        api_settings.RuleSettingListView.as_view(),
        name="api-rule-setting-list",
    ),
    path(
        f"{ARCHITECTURE}rule-settings/<api_segment:rule_id>/",
        api_settings.RuleSettingDetailView.as_view(),
        name="api-rule-setting-detail",
    ),
]
