"""Production settings: everything secret or host-specific must come from the environment."""

import copy

from designer.env import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403
from .base import LOGGING as BASE_LOGGING

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")  # required: no default, no guessable fallback
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # required
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# TLS is terminated by the proxy in front, which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

# Hashed, compressed file names: far-future caching is safe after each deploy.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Containers log to stdout; the platform collects it.
LOGGING = copy.deepcopy(BASE_LOGGING)
LOGGING["handlers"]["console"]["stream"] = "ext://sys.stdout"
