from django.contrib import admin

from .models import RuleSetting, Suppression, ValidationRun


@admin.register(ValidationRun)
class ValidationRunAdmin(admin.ModelAdmin):
    """Read-only: runs are written by their job."""

    list_display = ["id", "architecture", "revision", "counts", "seconds", "finished_at"]
    list_select_related = ["architecture"]
    search_fields = ["architecture__slug"]
    exclude = ["findings"]  # may be large; read them through the findings page or the API
    readonly_fields = ["architecture", "job", "revision", "counts", "rules_run", "seconds"]
    readonly_fields += ["created_at", "finished_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    list_display = ["fingerprint", "architecture", "user", "created_at"]
    list_select_related = ["architecture", "user"]
    search_fields = ["fingerprint", "architecture__slug", "reason"]
    raw_id_fields = ["architecture", "user"]


@admin.register(RuleSetting)
class RuleSettingAdmin(admin.ModelAdmin):
    list_display = ["rule_id", "architecture", "disabled", "thresholds", "user", "updated_at"]
    list_filter = ["disabled"]
    list_select_related = ["architecture", "user"]
    search_fields = ["rule_id", "architecture__slug", "reason"]
    raw_id_fields = ["architecture", "user"]
