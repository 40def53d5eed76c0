"""WSGI entry point (gunicorn designer.wsgi).

Defaults to the production settings, so a server started without
DJANGO_SETTINGS_MODULE refuses to run without a SECRET_KEY rather than serving
the development configuration.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings.production")

application = get_wsgi_application()
