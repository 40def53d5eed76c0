from django.contrib import admin

from .models import Export


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    """Read-only: exports are written by their job; archives are downloaded, not shown."""

    list_display = ["id", "architecture", "revision", "files_total", "size", "created_by"]
    list_display += ["created_at", "finished_at"]
    list_select_related = ["architecture", "created_by"]
    search_fields = ["architecture__slug"]
    exclude = ["files", "problems"]  # may be megabytes; the export page browses them
    readonly_fields = ["architecture", "job", "revision", "targets", "options", "files_done"]
    readonly_fields += ["files_total", "problem_counts", "size", "created_by", "created_at"]
    readonly_fields += ["finished_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).without_payload()

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
