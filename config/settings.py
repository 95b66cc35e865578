"""Shingi settings: one module, driven by the environment.

Every variable read here is listed, with its default and meaning, in the README's
configuration table (a test keeps the two in step). The essentials:

DATABASE_URL        default sqlite:///db.sqlite3 (embedded first run); postgres://… in production
CELERY_BROKER_URL   unset → tasks run in-process (eagerly); set → a real broker (Redis)
SECRET_KEY, DEBUG, ALLOWED_HOSTS
"""

import logging
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-runs"  # noqa: S105 (DEBUG only)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "nested_admin",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "apps.core",
    "apps.access",
    "apps.directory",
    "apps.meetings",
    "apps.deliberation",
    "apps.minutes",
    "apps.importer",
    "apps.reports",
    "apps.portal",
    "apps.api",
    "apps.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Creates databases (the test database too) with a UTF-8 ctype: pg_trgm
    # silently finds nothing in Japanese text under the C ctype.
    DATABASES["default"]["ENGINE"] = "apps.core.db.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Login throttling: five failures lock the username from that address for an hour. Axes keeps
# its failure counts in the database (its default handler), so every process sees the same count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The Japanese font the PDFs embed, from Debian's fonts-ipaexfont (installed by `make system-deps`
# and .ci/run), found through the static finders under reports/fonts/ like any other asset.
REPORTS_FONT_DIR = Path(os.environ.get("REPORTS_FONT_DIR", "/usr/share/fonts/opentype/ipaexfont-mincho"))
STATICFILES_DIRS = [BASE_DIR / "static", ("reports/fonts", REPORTS_FONT_DIR)]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "shingi@localhost")

# Security: secure by default whenever DEBUG is off (`manage.py check --deploy` stays quiet).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Celery. Without a broker, tasks run in-process so the embedded default needs no Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# With JSON logs, workers log through LOGGING below instead of Celery's own plain handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = os.environ.get("LOG_FORMAT", "plain") != "json"
# A job whose worker died is redelivered after this many seconds (Redis transport); keep it
# above CELERY_TASK_TIME_LIMIT or a slow job still running is delivered a second time.
# Live workers look for such jobs every CELERY_UNACKED_RESTORE_INTERVAL seconds (and at start).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600")),
    "unacked_restore_interval": int(os.environ.get("CELERY_UNACKED_RESTORE_INTERVAL", "10")),
    "unacked_restore_throttle": 1,
}

# One cache for every web process and worker, so that API throttle counts add up across
# processes and machines: Redis at CACHE_URL, else at the broker's URL when the broker is
# Redis. Only the embedded default (no broker) keeps a per-process local-memory cache.
CACHE_URL = os.environ.get("CACHE_URL", "") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else ""
)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # Apart from Celery's own keys when both share one Redis database.
            "KEY_PREFIX": "shingi",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Document jobs: a running job beats every REPORTS_HEARTBEAT_SECONDS; one silent for
# REPORTS_STALE_AFTER_SECONDS lost its worker and is claimed again. The beat schedule sends
# the jobs of dead workers (and jobs whose message was lost) again.
REPORTS_HEARTBEAT_SECONDS = float(os.environ.get("REPORTS_HEARTBEAT_SECONDS", "5"))
REPORTS_STALE_AFTER_SECONDS = float(os.environ.get("REPORTS_STALE_AFTER_SECONDS", "30"))
# Generated documents that a newer one superseded, that failed, or that were requested more than
# REPORTS_RETENTION_DAYS days ago are removed with their files every hour, except the latest
# of each subject and any still rendering (apps.reports.retention).
REPORTS_RETENTION_DAYS = int(os.environ.get("REPORTS_RETENTION_DAYS", "30"))
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-documents": {"task": "apps.reports.tasks.requeue_stale_documents", "schedule": 30.0},
    "prune-documents": {"task": "apps.reports.tasks.prune_documents", "schedule": 3600.0},
}

# Seconds /healthz waits for the broker and for worker pings.
HEALTHZ_TIMEOUT = float(os.environ.get("HEALTHZ_TIMEOUT", "1.0"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a request without credentials gets 401 with a WWW-Authenticate header.
        "apps.api.authentication.DashboardTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "apps.api.pagination.ApiPagination",
    "DEFAULT_THROTTLE_CLASSES": ["apps.api.throttling.ActorRateThrottle"],
    "EXCEPTION_HANDLER": "apps.api.exceptions.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
# Requests per token, per user or per anonymous address.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "1200/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "Shingi API",
    "DESCRIPTION": "審議記録 API — study groups, meetings, statements and open issues.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "IssueStatusEnum": "apps.deliberation.models.IssueStatus",
        "AssignmentStatusEnum": "apps.deliberation.models.Assignment.Status",
        "MeetingStatusEnum": "apps.meetings.models.Meeting.Status",
        "MinutesStatusEnum": "apps.minutes.models.Minutes.Status",
        "OrganizationKindEnum": "apps.directory.models.Organization.Kind",
        "BodyKindEnum": "apps.directory.models.Body.Kind",
        "StatementKindEnum": "apps.meetings.models.Statement.Kind",
        "DecisionKindEnum": "apps.meetings.models.Decision.Kind",
        "DocumentKindEnum": "apps.reports.models.GeneratedDocument.Kind",
        "DocumentStatusEnum": "apps.reports.models.GeneratedDocument.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.api.schema.document_common_responses",
    ],
}

# Python warnings become log records, so that production output stays one JSON object a line.
logging.captureWarnings(True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "plain"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes announces itself at INFO on every start, which would clutter command output.
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools log every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Deferred unique constraints (reordering statements) exist on PostgreSQL only; SQLite,
# the embedded first-run database, checks them immediately instead.
SILENCED_SYSTEM_CHECKS = ["models.W038"]
