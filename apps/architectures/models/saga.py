"""Sagas and their ordered steps."""

from __future__ import annotations

from django.db import models

from microservices.spec import enums

from .architecture import ArchitectureObject
from .service import Service, enum_field


class Saga(ArchitectureObject):
    name = models.CharField(max_length=63)
    compensation_strategy = enum_field(enums.CompensationStrategy)
    description = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["architecture", "name"], name="saga_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class SagaStep(ArchitectureObject):
    saga = models.ForeignKey(Saga, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=63)
    service = models.ForeignKey(Service, on_delete=models.RESTRICT, related_name="+")
    action = models.CharField(max_length=100)
    compensation = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["saga", "name"], name="saga_step_name_unique")
        ]
