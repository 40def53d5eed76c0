"""Settings shared by every environment; local, test and production build on these.

Anything that varies between machines is read from the environment through the
strict parsers in designer.env. With no environment at all the project runs
embedded: SQLite under var/ and Celery tasks executed in-process.
"""

from pathlib import Path

import dj_database_url

from designer.env import env_int, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"  # everything the running app writes (db, collected static)

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served locally: no CDN
    "django_htmx",
    "channels",
    "apps.workspaces",
    "apps.accounts",
    "apps.architectures",
    "apps.jobs",
    "apps.validation",
    "apps.exports",
    "apps.diagrams",
    "apps.comments",
    "apps.live",
    "apps.history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware, so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "designer.urls"
WSGI_APPLICATION = "designer.wsgi.application"
ASGI_APPLICATION = "designer.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "")
if not DATABASE_URL:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Reuse connections across requests; health checks drop ones the server closed.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a concurrent writer (runserver threads) instead of "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -----------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"

# --- Upload limits --------------------------------------------------------------
# The spec limit is enforced by the app, which reports it in its own error format.
# Django's own caps sit a little above it so that Django never answers first.
SPEC_UPLOAD_MAX_BYTES = env_int("SPEC_UPLOAD_MAX_BYTES", 16 * 1024 * 1024, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = SPEC_UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = SPEC_UPLOAD_MAX_BYTES + 1024 * 1024

# --- Celery -----------------------------------------------------------------------
# No broker configured: tasks run in-process when they are enqueued (the embedded
# default), and a failing task is recorded by the task itself rather than raised
# into the request that enqueued it.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if CELERY_BROKER_URL:
    CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
    # Acknowledge after the task finished, so a worker killed mid-task (deploy,
    # OOM) leaves the message to be delivered again instead of losing the job.
    CELERY_TASK_ACKS_LATE = True
    CELERY_TASK_REJECT_ON_WORKER_LOST = True
    # Jobs are long and uneven: take one at a time so none waits behind another.
    CELERY_WORKER_PREFETCH_MULTIPLIER = 1
    # With Redis an unacknowledged task is redelivered after this many seconds;
    # it must exceed the longest job, or that job would run twice.
    # Workers look for such orphaned tasks every CELERY_BROKER_RESTORE_INTERVAL seconds
    # (one cheap Redis query; kombu's default would be about 100 s).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_BROKER_VISIBILITY_TIMEOUT", 3600, minimum=1),
        "unacked_restore_interval": env_int("CELERY_BROKER_RESTORE_INTERVAL", 10, minimum=1),
        "unacked_restore_throttle": 1,
    }
    # Prefixes every Redis key, so that deployments or test runs sharing one
    # Redis never take each other's tasks.
    if key_prefix := env_str("CELERY_BROKER_KEY_PREFIX", ""):
        CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = key_prefix
else:
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = False

# --- Live updates ------------------------------------------------------------------
# Pages learn about changes over WebSocket through the channel layer. With Redis
# configured (CHANNEL_LAYER_URL, else the Celery broker when it is Redis) every
# server process shares one layer. Without it the layer lives in memory: enough for
# one process (`make run`), while pages of other processes fall back to polling.
CHANNEL_LAYER_URL = env_str("CHANNEL_LAYER_URL", "")
if not CHANNEL_LAYER_URL and CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CHANNEL_LAYER_URL = CELERY_BROKER_URL
if CHANNEL_LAYER_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [CHANNEL_LAYER_URL],
                # Keeps deployments or test runs sharing one Redis apart.
                "prefix": env_str("CHANNEL_LAYER_PREFIX", "designer-live"),
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Diagrams ---------------------------------------------------------------------
# An uncached render of an architecture with more services than this runs as a job
# (the request answers 202 and the page shows progress); smaller ones render inline.
DIAGRAM_INLINE_MAX_SERVICES = env_int("DIAGRAM_INLINE_MAX_SERVICES", 400, minimum=0)
# Renders are cached in the database per architecture revision, view, options and
# format; the newest this many per architecture are kept.
DIAGRAM_RENDERS_KEPT = env_int("DIAGRAM_RENDERS_KEPT", 60, minimum=1)
# How far out the focus view may reach from its service.
DIAGRAM_MAX_HOPS = env_int("DIAGRAM_MAX_HOPS", 5, minimum=1)
REVIEW_PACKS_KEPT = env_int("REVIEW_PACKS_KEPT", 5, minimum=1)
# A review pack lists at most this many findings (the API and SARIF list them all).
REVIEW_PACK_MAX_FINDINGS = env_int("REVIEW_PACK_MAX_FINDINGS", 500, minimum=0)

# --- Manifest exports ------------------------------------------------------------
# Each export's zip is stored in the database; the newest this many per
# architecture are kept, older ones are deleted when a new one finishes.
EXPORTS_KEPT_PER_ARCHITECTURE = env_int("EXPORTS_KEPT_PER_ARCHITECTURE", 10, minimum=1)

# --- REST API -------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "apps.architectures.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "apps.architectures.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "apps.architectures.api.parsers.YAMLParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "apps.architectures.api.renderers.YAMLRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Microservices Designer API",
    "DESCRIPTION": "Design, validate, diagram and export microservice architectures.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # The spec classes' JSON Schemas use `null` types, which OpenAPI 3.1 allows.
    "OAS_VERSION": "3.1.0",
    "PATH_CONVERTER_OVERRIDES": {"api_segment": str},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Logging ----------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Django's default only prints when DEBUG is on; errors must show everywhere.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "apps": {"level": LOG_LEVEL},
        "microservices": {"level": LOG_LEVEL},
        "designer": {"level": LOG_LEVEL},
        "celery": {"level": "INFO"},
    },
}
