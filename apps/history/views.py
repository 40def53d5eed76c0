"""History pages: an architecture's revisions, one revision, one object's changes,
a diff between two revisions (and its drawing, as SVG), and restoring a revision
(editors only).

Reading needs the view role, restoring the edit role (403 otherwise); other
workspaces' architectures are 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.architectures.views.locate import architecture_for
from apps.diagrams.responses import wants_download
from apps.workspaces.access import Action
from microservices.spec import SpecValidationError
from microservices.spec.diff import field_changes

from . import selectors, services
from .drawing import diff_svg_response
from .entries import ARCHITECTURE, SECTION_CONCEPTS
from .representation import revision_numbers

PER_PAGE = 50


def _context(arch, **extra) -> dict:
    return {"workspace": arch.workspace, "architecture": arch, **extra}


def _compared(request: HttpRequest, arch) -> tuple[int, int]:
    """The `from` and `to` revisions of a diff; a number that is none is not found."""
    try:
        return revision_numbers(request.GET, arch.revision)
    except SpecValidationError:
        raise Http404 from None


@require_GET
def history_page(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    page = Paginator(selectors.revisions(arch), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "history/list.html", _context(arch, page=page))


@require_GET
def revision_page(
    request: HttpRequest, workspace: str, architecture: str, number: int
) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    revision = selectors.get_revision(arch, number)
    diff = selectors.diff_between(arch, max(number - 1, 1), number)
    context = _context(arch, revision=revision, changes=revision.changes.all(), diff=diff)
    return render(request, "history/revision.html", context)


@require_GET
def diff_page(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    old, new = _compared(request, arch)
    diff = selectors.diff_between(arch, old, new)
    return render(request, "history/diff.html", _context(arch, diff=diff, old=old, new=new))


@require_GET
def diff_drawing(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    old, new = _compared(request, arch)
    return diff_svg_response(arch, old, new, download=wants_download(request.GET))


@require_GET
def object_history_page(
    request: HttpRequest, workspace: str, architecture: str, section: str, key: str = ""
) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    if section != ARCHITECTURE and section not in SECTION_CONCEPTS:
        raise Http404
    changes = selectors.object_changes(arch, section, key)
    page = Paginator(changes, PER_PAGE).get_page(request.GET.get("page"))
    for change in page:
        change.fields = list(field_changes(section, key, change.before, change.after))
    context = _context(arch, section=section, key=key, page=page)
    return render(request, "history/object.html", context)


@require_POST
def restore_page(
    request: HttpRequest, workspace: str, architecture: str, number: int
) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.EDIT)
    selectors.check_reachable(arch, number)
    try:
        services.restore_revision(
            actor=request.user, architecture=arch, number=number,
            message=request.POST.get("message", "").strip(),
        )  # fmt: skip
    except SpecValidationError as exc:
        messages.error(request, f"Revision {number} cannot be restored: {exc}")
    else:
        messages.success(request, f"Restored revision {number} as revision {arch.revision}.")
    return redirect(reverse("history:list", args=[arch.workspace.slug, arch.slug]))
