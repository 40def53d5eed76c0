from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: jobs change state through their task, never by hand."""

    list_display = ["id", "kind", "workspace", "architecture", "user", "status", "progress"]
    list_display += ["created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["workspace__slug", "architecture__slug", "user__username", "message"]
    list_select_related = ["workspace", "architecture", "user"]
    date_hierarchy = "created_at"
    exclude = ["input"]  # may hold a document of megabytes
    readonly_fields = [
        "kind", "workspace", "architecture", "user", "status", "progress", "message",
        "error", "attempts", "created_at", "started_at", "finished_at", "result", "log",
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).defer("input")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
