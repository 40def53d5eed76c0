"""Development settings: DEBUG on, a throw-away secret key, local hosts only."""

from designer.env import env_bool, env_list, env_str

from .base import *  # noqa: F403
from .base import INSTALLED_APPS as BASE_INSTALLED_APPS

# Daphne's `runserver` serves HTTP and WebSocket (designer.asgi) in one process.
INSTALLED_APPS = ["daphne", *BASE_INSTALLED_APPS]

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-local-development-only-do-not-deploy")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *env_list("ALLOWED_HOSTS", [])]
INTERNAL_IPS = ["127.0.0.1", "::1"]

# Outgoing mail (password resets, invitations) is printed instead of sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
