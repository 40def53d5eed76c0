"""Comment pages: the per-architecture list, the panel object pages load, and the
forms that post, reply, edit, delete, resolve and reopen.

Every view starts from the architecture checked for the view role (other
workspaces' are 404). Under HTMX a form answers the fragment it changed, with
inline errors; without it, the browser is sent back where it came from.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from apps.architectures.views.locate import architecture_for
from apps.workspaces.access import Action
from microservices.spec import SpecValidationError

from . import selectors, services
from .models import BODY_MAX_LENGTH, Comment
from .permissions import can_change, can_resolve
from .targets import ARCHITECTURE, Target, existing, parse_target

# Sent when a change alters the open counts, so that panels redraw them.
CHANGED_EVENT = "comments-changed"


def _list_url(arch) -> str:
    return reverse("comments:list", args=[arch.workspace.slug, arch.slug])


def _message(exc: SpecValidationError) -> str:
    return "; ".join(error.message for error in exc.errors)


def _decorated(request: HttpRequest, arch, threads: list[Comment]) -> list[Comment]:
    """Threads with what their templates show: target, links, and the user's rights."""
    present = existing(arch, (selectors.target_of(thread) for thread in threads))
    for thread in threads:
        thread.target = selectors.target_of(thread)
        thread.target_exists = thread.target in present
        thread.target_url = thread.target.page_url(arch.workspace.slug, arch.slug)
        thread.can_resolve = can_resolve(request.user, arch.role, thread)
        for comment in (thread, *thread.replies.all()):
            comment.mine = can_change(request.user, comment)
    return threads


def _base_context(request: HttpRequest, arch, **extra: Any) -> dict[str, Any]:
    htmx = getattr(request, "htmx", None)
    return {
        # Where forms without HTMX return: the page showing them, not the fragment's URL.
        "back_url": (htmx.current_url_abs_path if htmx else None) or request.get_full_path(),
        "workspace": arch.workspace,
        "architecture": arch,
        "max_length": BODY_MAX_LENGTH,
        "list_url": _list_url(arch),
        **extra,
    }


def _panel(request: HttpRequest, arch, target: Target, **extra: Any) -> HttpResponse:
    """The threads on `target`; the architecture's panel also counts every object's."""
    threads = _decorated(request, arch, list(selectors.threads(arch, target=target)))
    counts = selectors.open_counts(arch) if target == ARCHITECTURE else None
    open_total = (
        sum(count.open for count in counts)
        if counts is not None
        else sum(not thread.resolved for thread in threads)
    )
    context = _base_context(
        request,
        arch,
        target=target,
        threads=threads,
        open_total=open_total,
        counts=counts,
        changed_event=CHANGED_EVENT,
        **extra,
    )
    return render(request, "comments/_panel.html", context)


@require_GET
def comments_page(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    try:
        status = selectors.parse_status(request.GET.get("status"))
        target = parse_target(request.GET.get("object")) if request.GET.get("object") else None
    except SpecValidationError as exc:
        status, target = "open", None
        messages.error(request, _message(exc))
    threads = _decorated(request, arch, list(selectors.threads(arch, target=target, status=status)))
    counts = selectors.open_counts(arch)
    context = _base_context(
        request,
        arch,
        threads=threads,
        status=status,
        target=target,
        counts=counts,
        open_total=sum(count.open for count in counts),
        trail=[("Comments", "")],
    )
    return render(request, "comments/list.html", context)


@require_GET
def panel(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    try:
        target = parse_target(request.GET.get("object"))
    except SpecValidationError as exc:
        return HttpResponse(_message(exc), status=400, content_type="text/plain")
    return _panel(request, arch, target)


def _back(request: HttpRequest, arch) -> HttpResponse:
    """Where a form without HTMX returns: the page it was on, if that is one of ours."""
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect(_list_url(arch))


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


@require_POST
def start_thread(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    body = request.POST.get("body", "")
    target = ARCHITECTURE
    try:
        target = parse_target(request.POST.get("object"))
        services.start_thread(actor=request.user, architecture=arch, target=target, body=body)
    except SpecValidationError as exc:
        if not _is_htmx(request):
            messages.error(request, f"Comment not posted: {_message(exc)}")
            return _back(request, arch)
        return _panel(request, arch, target, form_error=_message(exc), draft=body)
    if not _is_htmx(request):
        return _back(request, arch)
    return _panel(request, arch, target)


def _thread_response(
    request: HttpRequest, arch, comment: Comment, counts_changed: bool = False, **extra: Any
) -> HttpResponse:
    """The thread `comment` belongs to, as its fragment (HTMX) or by going back."""
    if not _is_htmx(request):
        if extra.get("error"):
            messages.error(request, f"Nothing was saved: {extra['error']}")
        return _back(request, arch)
    (thread,) = _decorated(request, arch, [selectors.thread_of(arch, comment)])
    context = _base_context(request, arch, thread=thread, **extra)
    response = render(request, "comments/_thread.html", context)
    if counts_changed:
        response["HX-Trigger"] = CHANGED_EVENT
    return response


def _comment_action(change, counts_change: bool = False):
    """A POST view applying `change(request, arch, comment)` to comment `pk`; `change`
    answers the comment whose thread to show, and may raise SpecValidationError.
    With `counts_change`, the change may alter the open counts panels show."""

    @require_POST
    def view(request: HttpRequest, workspace: str, architecture: str, pk: int) -> HttpResponse:
        arch = architecture_for(request, workspace, architecture, Action.VIEW)
        comment = selectors.comment_of(arch, pk)
        try:
            shown = change(request, arch, comment)
        except SpecValidationError as exc:
            # Only a failed reply gives its text back: the reply box is the one emptied.
            draft = request.POST.get("body", "") if change is _reply else ""
            return _thread_response(request, arch, comment, error=_message(exc), draft=draft)
        if shown is None:  # the whole thread is gone
            if not _is_htmx(request):
                return _back(request, arch)
            return HttpResponse("", headers={"HX-Trigger": CHANGED_EVENT})
        return _thread_response(request, arch, shown, counts_changed=counts_change)

    return view


def _reply(request, arch, comment):
    services.reply(actor=request.user, comment=comment, body=request.POST.get("body", ""))
    return comment


def _edit(request, arch, comment):
    return services.edit_comment(
        actor=request.user, comment=comment, body=request.POST.get("body", "")
    )


def _delete(request, arch, comment):
    remaining = services.delete_comment(actor=request.user, comment=comment)
    if remaining is None and comment.parent is not None:
        return comment.parent
    return remaining


def _resolution(resolved: bool):
    def change(request, arch, comment):
        return services.set_resolved(
            actor=request.user, role=arch.role, thread=comment, resolved=resolved
        )

    return change


reply = _comment_action(_reply)
edit = _comment_action(_edit)
delete = _comment_action(_delete)
resolve = _comment_action(_resolution(True), counts_change=True)
reopen = _comment_action(_resolution(False), counts_change=True)
