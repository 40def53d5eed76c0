from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "apps.jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        # Web processes and workers alike must know every job kind before a job runs.
        from .handlers import discover

        discover()
