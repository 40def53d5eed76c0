"""Finding what a request addresses, checked for what it wants to do.

Safe methods need the view role, the others the edit role. Anything in a
workspace the user is not a member of is a 404, never a 403, so that URLs do not
tell outsiders what exists.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework.permissions import SAFE_METHODS

from apps.workspaces.access import Action, check_role, workspaces_for
from apps.workspaces.models import Membership, Workspace
from microservices.spec import SpecValidationError

from ..concepts import Concept, Scope, children_scope
from ..models import Architecture, Gateway, Saga, Service
from ..selectors import get_architecture
from .errors import ApiError
from .representation import has_children

PARENT_MODELS = {Scope.SERVICE: Service, Scope.GATEWAY: Gateway, Scope.SAGA: Saga}


def action_for(request) -> Action:
    return Action.VIEW if request.method in SAFE_METHODS else Action.EDIT


def checked_workspace_slug(slug: str | None) -> str | None:
    """A workspace slug from the request; control characters (NUL...) never reach a query."""
    if slug is not None and not slug.isprintable():
        raise SpecValidationError.single("not a workspace slug", ("workspace",))
    return slug


def workspace_param(request) -> str | None:
    return checked_workspace_slug(request.query_params.get("workspace") or None)


def architecture_for(request, slug: str, action: Action | None = None) -> Architecture:
    """The architecture `slug` of the user's workspaces (`?workspace=` disambiguates)."""
    return get_architecture(
        request.user, slug, action or action_for(request), workspace=workspace_param(request)
    )


# --- URLs of concepts: which kwarg names the parent and the object --------------------


def parent_kwarg(concept: Concept) -> str | None:
    """The URL kwarg naming the parent: service, gateway or saga."""
    return None if concept.scope == Scope.ARCHITECTURE else concept.scope.value


def lookup_kwarg(concept: Concept) -> str | None:
    """The URL kwarg naming one object: id, or the natural key's field name."""
    if concept.singleton:
        return None
    if concept.by_id:
        return "id"
    if has_children(concept):  # the name children's URLs use too: services/<service>/
        return children_scope(concept).value
    # A dependency's key is the called service, which the parent already calls `service`.
    return "target" if concept.natural_key == parent_kwarg(concept) else concept.natural_key


def key_lookup(concept: Concept, value: Any) -> dict[str, Any]:
    """Filter finding the object whose natural key (or id) is `value` within its parent."""
    if concept.by_id:
        return {"pk": value}
    column = concept.column(concept.natural_key)
    is_reference = any(ref.column == column for ref in concept.references)
    return {f"{column}__name" if is_reference else column: value}


def list_order(concept: Concept) -> tuple[str, ...]:
    """Lists come in the document's order: user-given, else by natural key."""
    if concept.ordered:
        return ("position", "id")
    if concept.singleton:
        return ("id",)
    key = next(iter(key_lookup(concept, None)))
    return (key, "id")


def parent_for(architecture: Architecture, concept: Concept, name: str | None):
    """The service, gateway or saga a concept's objects belong to (None for the top level)."""
    if concept.scope == Scope.ARCHITECTURE:
        return None
    parent = PARENT_MODELS[concept.scope].objects.filter(architecture=architecture, name=name)
    found = parent.first()
    if found is None:
        raise Http404
    return found


def workspace_to_create_in(user, slug: str | None) -> Workspace:
    """The workspace a new architecture goes to: the one named, or the only one they edit.

    Unknown (or not the user's) → 404 on `workspace`; a role that cannot edit → 403;
    several candidates and none named → 400 on `workspace`.
    """
    if checked_workspace_slug(slug):
        membership = (
            Membership.objects.filter(user=user, workspace__slug=slug)
            .select_related("workspace")
            .first()
        )
        if membership is None:
            message = f"you have no workspace {slug!r}"
            raise ApiError(404, "not_found", message, [{"field": "workspace", "message": message}])
        check_role(membership.role, Action.EDIT, "this workspace")
        return membership.workspace
    editable = list(workspaces_for(user, Action.EDIT).order_by("slug")[:10])
    if len(editable) == 1:
        return editable[0]
    if not editable:
        raise ApiError(403, "permission_denied", "Your roles do not allow creating architectures.")
    names = ", ".join(workspace.slug for workspace in editable)
    message = f"you can edit several workspaces ({names}); say which one with workspace"
    raise ApiError(400, "invalid", message, [{"field": "workspace", "message": message}])
