"""Validation pages: an architecture's findings and rule settings, and the catalogue.

Reading needs the view role; validating, suppressing and changing rule settings
need the edit role (403 otherwise); other workspaces' architectures are 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.architectures.views.locate import architecture_for
from apps.workspaces.access import Action
from microservices.spec import SpecValidationError
from microservices.validation import all_rules

from . import selectors, services
from .models import RuleSetting


def _findings_url(arch) -> str:
    return reverse("validation:findings", args=[arch.workspace.slug, arch.slug])


@require_GET
def findings_page(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    run = selectors.latest_run(arch)
    suppressions = selectors.suppressions_of(arch) if run is not None else []
    findings, counts = selectors.current_findings(run, suppressions)
    linker = selectors.SubjectLinker(arch.workspace.slug, arch.slug)
    groups, suppressed = selectors.grouped(findings, linker)
    context = {
        "workspace": arch.workspace,
        "architecture": arch,
        "run": run,
        "stale": run is not None and run.is_stale_for(arch),
        "counts": counts,
        "groups": groups,
        "suppressed": suppressed,
        "pending": selectors.pending_job(arch),
        "trail": [("Findings", "")],
    }
    return render(request, "validation/findings.html", context)


@require_GET
def validation_status(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    """The progress block the findings page polls; the page reloads when the job is done."""
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    pending = selectors.pending_job(arch)
    response = render(
        request, "validation/_status.html", {"architecture": arch, "pending": pending}
    )
    if pending is None:
        response["HX-Refresh"] = "true"
    return response


@require_POST
def validate_now(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.EDIT)
    job = services.request_validation(arch, request.user)
    messages.success(request, f"Validation #{job.pk} requested.")
    return redirect(_findings_url(arch))


@require_POST
def suppress_page(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.EDIT)
    try:
        services.suppress(
            actor=request.user,
            architecture=arch,
            fingerprint=request.POST.get("fingerprint", ""),
            reason=request.POST.get("reason", ""),
        )
    except SpecValidationError as exc:
        messages.error(request, "Not suppressed: " + "; ".join(e.message for e in exc.errors))
        return redirect(_findings_url(arch))
    messages.success(request, "Finding suppressed.")
    return redirect(_findings_url(arch) + "#suppressed")


@require_POST
def unsuppress_page(
    request: HttpRequest, workspace: str, architecture: str, pk: int
) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.EDIT)
    if not services.unsuppress(architecture=arch, suppression_id=pk):
        raise Http404("not a suppression of this architecture")
    messages.success(request, "Finding no longer suppressed.")
    return redirect(_findings_url(arch))


def _threshold_values(rule, data) -> tuple[dict, list[str]]:
    """The threshold fields filled in (numbers), and the errors of those that are not."""
    values, errors = {}, []
    for threshold in rule.thresholds:
        raw = (data.get(f"threshold-{threshold.name}") or "").strip()
        if not raw:
            continue
        try:
            number = float(raw)
        except ValueError:
            errors.append(f"{threshold.name} must be a number, not {raw!r}")
            continue
        values[threshold.name] = int(number) if number.is_integer() and "." not in raw else number
    return values, errors


@require_http_methods(["GET", "POST"])
def rule_settings_page(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    action = Action.EDIT if request.method == "POST" else Action.VIEW
    arch = architecture_for(request, workspace, architecture, action)
    rules = all_rules()
    errors: dict[str, list[str]] = {}
    page_errors: list[str] = []
    status = 200
    if request.method == "POST":
        rule_id = request.POST.get("rule_id", "")
        rule = rules.get(rule_id)
        if rule is None:
            page_errors.append(f"there is no rule {rule_id!r}")
        elif request.POST.get("reset"):
            services.reset_rule_setting(architecture=arch, rule_id=rule_id)
            messages.success(request, f"{rule_id} is back to its defaults.")
            return redirect(request.path + f"#{rule_id}")
        else:
            values, problems = _threshold_values(rule, request.POST)
            errors[rule_id] = problems
            if not problems:
                try:
                    services.set_rule_setting(
                        actor=request.user,
                        architecture=arch,
                        rule_id=rule_id,
                        disabled=bool(request.POST.get("disabled")),
                        thresholds=values,
                        reason=request.POST.get("reason", ""),
                    )
                except SpecValidationError as exc:
                    errors[rule_id] = [e.message for e in exc.errors]
                else:
                    messages.success(request, f"Settings of {rule_id} saved.")
                    return redirect(request.path + f"#{rule_id}")
        status = 400
    settings = {s.rule_id: s for s in RuleSetting.objects.filter(architecture=arch)}
    rows = []
    for rule in rules.values():
        setting = settings.get(rule.id)
        overrides = setting.thresholds if setting else {}
        rows.append(
            {
                "rule": rule,
                "setting": setting,
                "errors": errors.get(rule.id, []),
                "thresholds": [
                    {"t": t, "value": overrides.get(t.name, "")} for t in rule.thresholds
                ],
            }
        )
    context = {
        "workspace": arch.workspace,
        "architecture": arch,
        "rows": rows,
        "page_errors": page_errors,
        "trail": [("Findings", _findings_url(arch)), ("Rule settings", "")],
    }
    return render(request, "validation/rule_settings.html", context, status=status)


@require_GET
def catalogue_page(request: HttpRequest) -> HttpResponse:
    rules = list(all_rules().values())
    families = sorted({rule.family for rule in rules})
    return render(request, "validation/catalogue.html", {"rules": rules, "families": families})
