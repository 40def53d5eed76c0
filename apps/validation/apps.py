from django.apps import AppConfig


class ValidationConfig(AppConfig):
    name = "apps.validation"
    verbose_name = "Validation"
