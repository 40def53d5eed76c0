"""The polling fallback: an architecture's latest change, for pages whose socket failed."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .access import viewable_architecture
from .broadcast import change_message


@require_GET
@never_cache
@login_required
def architecture_revision(request: HttpRequest, architecture_id: int) -> JsonResponse:
    """{revision, actor, summary}: what the socket would have sent about the latest change."""
    architecture = viewable_architecture(request.user, architecture_id)
    if architecture is None:
        raise Http404
    message = change_message(architecture, architecture.updated_by)
    return JsonResponse({key: message[key] for key in ("revision", "actor", "summary")})
