"""The generic object pages: one create/edit view and one delete view for every concept.

Driven by the registry: the URL names the concept, its form comes from
`form_for(concept)`, and every write goes through `apps.architectures.services`.
A concept that needs something else declares a subclass and registers it in
views/dispatch.py (services do, to guard their references).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from apps.history.context import describe_change
from apps.workspaces.access import Action
from microservices.spec import SpecValidationError

from .. import services
from ..concepts import Concept
from ..forms import SpecForm, form_for
from ..models import Service
from ..services.architectures import StaleVersion
from .conflicts import MINE, THEIRS, carried_values, current_summary, differences, merged
from .display import describe
from .locate import Target, locate
from .routing import PARENT_KEYS, object_page_url


def service_names(target: Target) -> list[str]:
    names = Service.objects.filter(architecture=target.architecture).order_by("name")
    return list(names.values_list("name", flat=True))


def safe_next(request: HttpRequest) -> str | None:
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


# The optional "why" of a form edit, kept with the revision in the history.
CHANGE_MESSAGE_MAX_LENGTH = 500


def posted_change_message(request: HttpRequest) -> str:
    return " ".join(request.POST.get("change_message", "").split())[:CHANGE_MESSAGE_MAX_LENGTH]


def posted_version(request: HttpRequest) -> int | None:
    """The version the page was drawn with; None (no check) when the form sent none."""
    posted = request.POST.get("version", "")
    return int(posted) if posted.isdigit() else None


def trail_for(target: Target, current: str) -> list[tuple[str, str]]:
    """The breadcrumbs after the architecture: the parent object, then this page."""
    trail: list[tuple[str, str]] = []
    place = target.place
    if place.parent is not None:
        label = f"{place.parent.label}: {place.parent_key}"
        trail.append((label, place.page_url()))
    trail.append((current, ""))
    return trail


class ObjectView(View):
    """What the object pages share: finding the target from the URL."""

    action: ClassVar[Action] = Action.EDIT
    existing: ClassVar[bool] = True
    template_name: ClassVar[str] = ""
    target: Target

    def setup(self, request: HttpRequest, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.lookup = kwargs

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.locate()
        return super().dispatch(request)

    def locate(self) -> None:
        """Find the target; again after a refused write, to show what is there now."""
        self.target = locate(self.request, self.action, existing=self.existing, **self.lookup)

    def gone(self) -> HttpResponse:
        """The object was deleted by someone else while the page was open."""
        messages.error(self.request, f"Someone else deleted this {self.concept.label} meanwhile.")
        return redirect(self.target.place.page_url())

    @property
    def concept(self) -> Concept:
        return self.target.concept

    def base_context(self, title: str) -> dict[str, Any]:
        arch = self.target.architecture
        return {
            "workspace": arch.workspace,
            "architecture": arch,
            "located": self.target,
            "concept": self.concept,
            "title": title,
            "trail": trail_for(self.target, title),
        }


class ObjectFormView(ObjectView):
    """Edit one object, or create one when `existing` is False (no key in the URL)."""

    template_name = "architectures/objects/form.html"
    conflict_template = "architectures/objects/conflict.html"

    def get_form(self, data=None) -> SpecForm:
        form_class = form_for(self.concept)
        if data is not None and data.get("resolve") and self.target.data is not None:
            data = merged(form_class, data, self.target.data)  # choices from the conflict page
        initial = {k: v for k, v in self.request.GET.items() if k in form_class.base_fields}
        names = service_names(self.target) if self._names_service() else ()
        return form_class(
            data, instance_data=self.target.data, initial=initial, service_names=names
        )

    def _names_service(self) -> bool:
        return bool(self.concept.references)

    def title(self) -> str:
        where = f" of {self.target.place.parent_key}" if self.target.parent else ""
        if self.target.instance is None:
            return f"New {self.concept.label}{where}"
        return f"Edit {describe(self.concept, self.target.data)}{where}"

    def render_form(self, form: SpecForm, status: int = 200) -> HttpResponse:
        context = self.base_context(self.title())
        context.update(
            form=form,
            version=getattr(self.target.instance, "version", ""),
            next=safe_next(self.request) or "",
            back=self.request.GET.get("back") or self.request.POST.get("back", ""),
            cancel_url=safe_next(self.request) or self.back_url(),
        )
        return render(self.request, self.template_name, context, status=status)

    def back_url(self) -> str:
        """Where Cancel leads: the object's own page when the form was opened from it."""
        wants_object = (self.request.GET.get("back") or self.request.POST.get("back")) == "object"
        if wants_object and self.target.instance is not None and self.concept.key in PARENT_KEYS:
            place = self.target.place
            return object_page_url(
                place.workspace, place.architecture, self.concept, self.target.key
            )
        return self.target.place.page_url()

    def get(self, request: HttpRequest) -> HttpResponse:
        if not self.existing and self.concept.singleton and self.target.existing_singleton():
            return redirect(self.target.place.edit_url(self.concept))  # one at most: edit it
        return self.render_form(self.get_form())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        if request.POST.get("resolve") == "edit":
            return self.render_form(form)  # the merged values, to change further
        try:
            with describe_change(message=posted_change_message(request)):
                saved = services.save_object(
                    actor=request.user,
                    architecture=self.target.architecture,
                    concept=self.concept,
                    data=form.spec_object,
                    parent=self.target.parent,
                    instance=self.target.instance,
                    expected_version=posted_version(request),
                )
        except SpecValidationError as exc:
            form.add_spec_errors(exc)
            return self.render_form(form, status=400)
        except StaleVersion as exc:
            return self.gone() if exc.current is None else self.render_conflict(form)
        data = form.spec_object.model_dump(mode="json")
        verb = "created" if self.target.instance is None else "saved"
        messages.success(request, f"{describe(self.concept, data).capitalize()} {verb}.")
        return redirect(self.success_url(saved, data))

    def render_conflict(self, form: SpecForm) -> HttpResponse:
        """Someone saved in between: their values beside the user's, to choose from."""
        self.locate()
        context = self.base_context(f"Conflict: {self.title()}")
        context.update(
            form=form,
            differences=differences(form, self.target.data),
            carried=carried_values(self.request.POST),
            version=self.target.instance.version,
            mine=MINE,
            theirs=THEIRS,
            next=safe_next(self.request) or "",
            back=self.request.POST.get("back", ""),
            cancel_url=self.back_url(),
        )
        return render(self.request, self.conflict_template, context, status=409)

    def success_url(self, saved, data: dict[str, Any]) -> str:
        if self.request.POST.get("back") == "object" and self.concept.key in PARENT_KEYS:
            place = self.target.place
            return object_page_url(place.workspace, place.architecture, self.concept, saved.name)
        return safe_next(self.request) or self.target.place.page_url()


class ObjectDeleteView(ObjectView):
    template_name = "architectures/objects/delete.html"

    def context(self) -> dict[str, Any]:
        what = describe(self.concept, self.target.data)
        context = self.base_context(f"Delete {what}")
        context.update(
            what=what, cancel_url=self.target.place.page_url(), version=self.target.instance.version
        )
        return context

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, self.context())

    def render_changed(self) -> HttpResponse:
        """Someone changed the object since the page was drawn: show it as it is now and
        ask again, rather than deleting what the user has not seen."""
        self.locate()
        context = self.context()
        context["changed"] = current_summary(form_for(self.concept), self.target.data)
        return render(self.request, self.template_name, context, status=409)

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            services.delete_object(
                actor=request.user,
                architecture=self.target.architecture,
                concept=self.concept,
                instance=self.target.instance,
                expected_version=posted_version(request),
            )
        except StaleVersion as exc:
            return self.gone() if exc.current is None else self.render_changed()
        what = describe(self.concept, self.target.data)
        messages.success(request, f"{what.capitalize()} deleted.")
        return redirect(self.target.place.page_url())
