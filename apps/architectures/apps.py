from django.apps import AppConfig


class ArchitecturesConfig(AppConfig):
    name = "apps.architectures"
    verbose_name = "Architectures"
