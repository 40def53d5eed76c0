"""Django admin for the architecture model: one entry per concept, from the registry."""

from django.contrib import admin

from .concepts import CONCEPTS
from .models import Architecture


@admin.register(Architecture)
class ArchitectureAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "workspace", "pattern", "revision", "updated_at"]
    list_filter = ["pattern", "workspace"]
    search_fields = ["name", "slug", "workspace__slug"]
    readonly_fields = ["revision", "version", "created_at", "updated_at"]


def _admin_for(concept):
    foreign_keys = [
        field.name
        for field in concept.model._meta.concrete_fields
        if field.is_relation and field.name != "architecture"
    ]
    return type(
        f"{concept.model.__name__}Admin",
        (admin.ModelAdmin,),
        {
            "list_display": ["__str__", "architecture", *foreign_keys[:2], "version"],
            "list_filter": ["architecture__workspace"],
            "list_select_related": ["architecture", *foreign_keys],
            "raw_id_fields": ["architecture", *foreign_keys],
            "search_fields": ["architecture__slug"],
        },
    )


for _concept in CONCEPTS:
    admin.site.register(_concept.model, _admin_for(_concept))
