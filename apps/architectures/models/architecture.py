"""The architecture itself, and the base of every object inside one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from apps.workspaces.access import Action, membership_q
from microservices.spec.enums import ArchitecturePattern

from .choices import choices, max_length


class ArchitectureQuerySet(models.QuerySet):
    def for_user(self, user, action: Action = Action.VIEW):
        """The architectures `user` may `action`: the only way to read them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(membership_q(user, action, through="workspace"))

    def with_service_count(self):
        """Annotate `service_count`: defined services (placeholders are not counted)."""
        from .service import Service  # the service module imports this one

        counted = (
            Service.objects.filter(architecture=OuterRef("pk"), placeholder=False)
            .order_by()
            .values("architecture")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            service_count=Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)
        )


class Architecture(models.Model):
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="architectures"
    )
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=63)
    description = models.TextField(blank=True, default="")
    pattern = models.CharField(
        max_length=max_length(ArchitecturePattern),
        choices=choices(ArchitecturePattern),
        default=ArchitecturePattern.HYBRID.value,
    )
    version = models.PositiveIntegerField(default=1, help_text="Of the fields above.")
    revision = models.PositiveIntegerField(
        default=1, help_text="Counts every change to anything in the architecture."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ArchitectureQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "slug"], name="architecture_slug_unique"),
            models.UniqueConstraint(fields=["workspace", "name"], name="architecture_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ArchitectureObject(models.Model):
    """Every concept row knows its architecture, so one query per table reads them all."""

    architecture = models.ForeignKey(Architecture, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
