"""Asking for validations, suppressing findings, and changing rule settings.

Validation runs as a job of kind ``validate_architecture`` (the handler lives in
apps/jobs/handlers/validate.py and calls `run_validation`). Requests coalesce:
an architecture has at most one queued validation job, so a burst of edits
queues one run (a running job plus one queued is fine: the queued one will read
the newest revision).
"""

from __future__ import annotations

import logging
import math
import time
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.architectures.models import Architecture
from apps.architectures.selectors import architecture_spec
from apps.jobs.models import Job, JobStatus
from microservices.spec import SpecValidationError
from microservices.spec.errors import SpecError
from microservices.validation import all_rules, validate
from microservices.validation.engine import params_for

from .models import RuleSetting, Suppression, ValidationRun

logger = logging.getLogger(__name__)

KIND = "validate_architecture"
# A queued job older than this is presumed lost (its message never reached a
# worker): it no longer blocks new requests.
QUEUED_FOR_TOO_LONG = timedelta(minutes=15)


def queued_validation(architecture: Architecture) -> Job | None:
    since = timezone.now() - QUEUED_FOR_TOO_LONG
    return (
        Job.objects.filter(
            kind=KIND, architecture=architecture, status=JobStatus.QUEUED, created_at__gte=since
        )
        .without_payload()
        .order_by("-pk")
        .first()
    )


def request_validation(architecture: Architecture, actor=None) -> Job:
    """The job that will validate the architecture's current revision.

    An already queued validation job of the architecture is that job; otherwise
    a new one is queued (and, without a broker, run once the transaction commits).
    """
    from apps.jobs.services import enqueue_job

    with transaction.atomic():
        # Serialises concurrent requests on PostgreSQL (a no-op on SQLite).
        list(Architecture.objects.select_for_update().filter(pk=architecture.pk).values("pk"))
        queued = queued_validation(architecture)
        if queued is not None:
            return queued
        return enqueue_job(
            actor=actor if actor is not None and actor.is_authenticated else None,
            kind=KIND,
            workspace=architecture.workspace,
            architecture=architecture,
            input={"revision": architecture.revision},
        )


def validate_after_change(architecture_id: int, actor=None) -> None:
    """on_commit callback of every change: validation must never break the write."""
    try:
        architecture = (
            Architecture.objects.select_related("workspace").filter(pk=architecture_id).first()
        )
        if architecture is not None:
            request_validation(architecture, actor)
    except Exception:
        logger.exception("Could not request a validation of architecture %s", architecture_id)


# --- running -------------------------------------------------------------------------


def engine_options(architecture: Architecture) -> tuple[dict[str, dict], list[str]]:
    """thresholds and disabled for `validate`, from the architecture's rule settings.

    Settings of rules (or thresholds) the catalogue no longer has are ignored.
    """
    rules = all_rules()
    thresholds: dict[str, dict] = {}
    disabled: list[str] = []
    for setting in RuleSetting.objects.filter(architecture=architecture):
        rule = rules.get(setting.rule_id)
        if rule is None:
            continue
        if setting.disabled:
            disabled.append(rule.id)
        known = rule.defaults()
        values = {name: v for name, v in (setting.thresholds or {}).items() if name in known}
        if values:
            thresholds[rule.id] = values
    return thresholds, disabled


def mark_suppressed(findings: list[dict], suppressions) -> dict[str, int]:
    """Flag the suppressed findings (in place) and count the others by severity."""
    by_fingerprint = {s.fingerprint: s for s in suppressions}
    counts = {"error": 0, "warning": 0, "info": 0, "suppressed": 0}
    for finding in findings:
        suppression = by_fingerprint.get(finding["fingerprint"])
        finding["suppressed"] = suppression is not None
        if suppression is not None:
            finding["suppression"] = {
                "id": suppression.pk,
                "reason": suppression.reason,
                "user": suppression.user.get_username() if suppression.user else None,
                "created_at": suppression.created_at.isoformat(),
            }
            counts["suppressed"] += 1
        else:
            finding.pop("suppression", None)
            counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1
    return counts


# Each run keeps every finding (megabytes for a large architecture) and every change
# makes a run: only the newest few are worth their space.
RUNS_KEPT = 5


def prune_runs(architecture: Architecture) -> int:
    """Delete all but the newest RUNS_KEPT runs of `architecture`; returns how many."""
    kept = ValidationRun.objects.filter(architecture=architecture).order_by("-created_at", "-id")
    old = list(kept.values_list("pk", flat=True)[RUNS_KEPT:])
    return ValidationRun.objects.filter(pk__in=old).delete()[0] if old else 0


def run_validation(job, progress) -> dict[str, Any]:
    """The body of a ``validate_architecture`` job: validate, store a run, sum it up."""
    architecture = job.architecture
    if architecture is None:
        raise ValueError("the architecture was deleted before its validation ran")
    started = time.perf_counter()
    progress(10, "Reading the architecture")
    revision = Architecture.objects.values_list("revision", flat=True).get(pk=architecture.pk)
    spec = architecture_spec(architecture)
    thresholds, disabled = engine_options(architecture)
    progress(40, f"Running the rules over {len(spec.services)} services")
    report = validate(spec, thresholds=thresholds, disabled=disabled)
    progress(85, f"Storing {len(report.findings)} findings")
    data = report.as_dict()
    findings = data["findings"]
    suppressions = Suppression.objects.filter(architecture=architecture).select_related("user")
    counts = mark_suppressed(findings, suppressions)
    run = ValidationRun.objects.create(
        architecture=architecture,
        job=job,
        revision=revision,
        findings=findings,
        counts=counts,
        rules_run=data["rules_run"],
        seconds=report.seconds,
        finished_at=timezone.now(),
    )
    prune_runs(architecture)
    summary = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info"))
    progress(95, f"Revision {revision}: {summary} ({counts['suppressed']} suppressed)")
    return {
        "run": run.pk,
        "revision": revision,
        "counts": counts,
        "findings": len(findings),
        "rules_run": len(report.rules_run),
        "seconds": round(report.seconds, 4),
        "total_seconds": round(time.perf_counter() - started, 4),
    }


# --- suppressions and rule settings ----------------------------------------------------


def suppress(*, actor, architecture: Architecture, fingerprint: str, reason: str) -> Suppression:
    reason = (reason or "").strip()
    fingerprint = (fingerprint or "").strip()
    errors = []
    if not fingerprint:
        errors.append(("fingerprint", "say which finding to suppress"))
    if not reason:
        errors.append(("reason", "say why this finding is acceptable"))
    if errors:
        raise SpecValidationError(SpecError((field,), message) for field, message in errors)
    suppression, _ = Suppression.objects.update_or_create(
        architecture=architecture,
        fingerprint=fingerprint,
        defaults={"reason": reason, "user": actor, "rule_id": fingerprint.split("|", 1)[0]},
    )
    return suppression


def unsuppress(*, architecture: Architecture, suppression_id: int) -> bool:
    deleted, _ = Suppression.objects.filter(architecture=architecture, pk=suppression_id).delete()
    return bool(deleted)


def clean_thresholds(rule_id: str, thresholds: dict[str, Any] | None) -> dict[str, float | int]:
    """The overrides, checked against the rule's declared thresholds; numbers only."""
    rule = all_rules().get(rule_id)
    if rule is None:
        raise SpecValidationError.single(f"there is no rule {rule_id}", ("rule_id",))
    if thresholds is None:
        return {}
    if not isinstance(thresholds, dict):
        raise SpecValidationError.single("thresholds must be an object", ("thresholds",))
    cleaned: dict[str, float | int] = {}
    for name, value in thresholds.items():
        where = ("thresholds", str(name))
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise SpecValidationError.single(f"{name} must be a number", where)
        cleaned[str(name)] = value
    try:
        params_for(rule, {rule.id: cleaned})
    except ValueError as exc:
        name = next(n for n in cleaned if n not in rule.defaults())
        raise SpecValidationError.single(str(exc), ("thresholds", name)) from None
    return cleaned


def set_rule_setting(
    *,
    actor,
    architecture: Architecture,
    rule_id: str,
    disabled: bool,
    thresholds: dict[str, Any] | None,
    reason: str = "",
) -> RuleSetting:
    cleaned = clean_thresholds(rule_id, thresholds)
    reason = (reason or "").strip()
    if disabled and not reason:
        raise SpecValidationError.single("say why the rule is disabled", ("reason",))
    setting, _ = RuleSetting.objects.update_or_create(
        architecture=architecture,
        rule_id=rule_id,
        defaults={"disabled": disabled, "thresholds": cleaned, "reason": reason, "user": actor},
    )
    return setting


def reset_rule_setting(*, architecture: Architecture, rule_id: str) -> bool:
    deleted, _ = RuleSetting.objects.filter(architecture=architecture, rule_id=rule_id).delete()
    return bool(deleted)
