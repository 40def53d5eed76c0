"""The Celery application.

Configuration comes from Django settings whose names start with ``CELERY_``
(``CELERY_BROKER_URL`` -> ``broker_url``), so one place, designer/settings,
decides whether tasks go to a broker or run in-process. Tasks are found in each
installed app's ``tasks`` module.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings.local")

app = Celery("designer")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
