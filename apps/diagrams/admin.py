from django.contrib import admin

from .models import Render, ReviewPack


@admin.register(Render)
class RenderAdmin(admin.ModelAdmin):
    """Read-only: renders are a cache, written when a diagram is drawn."""

    list_display = ["id", "architecture", "revision", "view", "fmt", "node_count", "seconds"]
    list_filter = ["view", "fmt"]
    list_select_related = ["architecture"]
    search_fields = ["architecture__slug"]
    exclude = ["content"]  # binary, possibly megabytes

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReviewPack)
class ReviewPackAdmin(admin.ModelAdmin):
    """Read-only: packs are written by their job."""

    list_display = ["id", "architecture", "revision", "pages", "created_at"]
    list_select_related = ["architecture"]
    search_fields = ["architecture__slug"]
    exclude = ["pdf"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
