from django.apps import AppConfig


class DiagramsConfig(AppConfig):
    name = "apps.diagrams"
    verbose_name = "Diagrams"
