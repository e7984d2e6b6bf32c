"""Settings shared by every environment.

Environment-specific files import everything from here and override what they must.
Values that differ between deployments come from environment variables.
"""

import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from None


# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

ROOT_URLCONF = "trauma_wales.urls"
WSGI_APPLICATION = "trauma_wales.wsgi.application"
ASGI_APPLICATION = "trauma_wales.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SERVICE_NAME = _("Trauma-informed organisation self-assessment")

# ------------------------------------------------------------------------------
# Applications
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "django_tasks",
    "django_tasks_db",
    "health_check",
    "axes",
    "django_ratelimit",
    "trauma_wales",
    "accounts",
    "organisations",
    "framework",
    "assessments",
    "workforce",
    "voices",
    "networks",
    "action_plans",
    "reports",
    "demo",
]

MIDDLEWARE = [
    "trauma_wales.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.idle_sessions.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

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
                "trauma_wales.context_processors.service",
            ],
        },
    },
]

# ------------------------------------------------------------------------------
# Database: SQLite by default, anything else through DATABASE_URL
# ------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must survive colleagues saving at once: write-ahead logging lets
    # readers carry on during a write, a writer waits up to 20 s for another instead of
    # failing with "database is locked", and transactions take the write lock when they
    # begin, so two of them never deadlock upgrading a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No just-in-time compilation of queries: PostgreSQL compiles a query whose estimated
    # cost passes a threshold, which a network's figures over 10,000 organisations do; the
    # compiling took 530 of a query's 580 ms, the work itself 50 (benchmarks/networks.py).
    # Our queries are short and many, where JIT costs more than it saves.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# ------------------------------------------------------------------------------
# Accounts and passwords
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "signed_in"  # one organisation: straight to it
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {"NAME": "accounts.password_validation.NotOnlySpacesValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day (and the email confirmation link's)

# Guessing passwords (django-axes): ten wrong passwords for one email address lock it for
# fifteen minutes, on our sign-in page and the platform admin's; setting a new password
# from a reset link unlocks it (accounts/views.py), as do `manage.py axes_reset_username`
# and the admin's "Access attempts". Counted per address, whatever network the attempts
# come from; the address is lower-cased so that changing its case does not start again.
# Wrong passwords from one network, for any addresses, are limited by the sign-in page
# (trauma_wales/rate_limits.py) at a higher count than axes could give per network without
# locking out a whole office: hence axes.W006, which asks for the network address here.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in forms' field (ours and the admin's)
AXES_USERNAME_CALLABLE = "accounts.lookups.sign_in_name"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in our own audit trail; keep no second log
AXES_VERBOSE = False
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# How many load balancers in front add the client's address to X-Forwarded-For: the limits
# per network (trauma_wales/rate_limits.py) and axes's record then see the client, not the
# load balancer. 0 (the default) trusts no header and uses the connection's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
RATELIMIT_IP_META_KEY = "trauma_wales.rate_limits.client_address"
# Anonymous answers to one feedback round's link: from one network address (high enough
# for an office whose staff share one address), and from everywhere (trauma_wales.rate_limits).
FEEDBACK_ANSWERS_PER_ADDRESS = os.environ.get("FEEDBACK_ANSWERS_PER_ADDRESS", "100/h")
FEEDBACK_ANSWERS_PER_LINK = os.environ.get("FEEDBACK_ANSWERS_PER_LINK", "1000/h")
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT or None

# Sessions live in the database so any app process can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Signed out after two hours without using the service (accounts/idle_sessions.py): a
# shared office computer left signed in does not stay open for days.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_IDLE_RENEW_AFTER = 5 * 60  # seconds of use before the two hours start again

# ------------------------------------------------------------------------------
# Internationalisation: English and Welsh from the first line
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("cy", _("Cymraeg"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

# ------------------------------------------------------------------------------
# Static and uploaded files
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk-frontend", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # The board report PDFs the worker makes (docs/adr/0011): by default files under
    # MEDIA_ROOT/board-reports/, which nothing serves (every download goes through the
    # report's permission check); any Django storage by configuration, such as an
    # S3-compatible bucket (README, "The board report PDFs").
    "reports": {
        "BACKEND": os.environ.get(
            "REPORTS_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ.get("REPORTS_STORAGE_OPTIONS") or "{}"),
    },
}

# ------------------------------------------------------------------------------
# Forms: GOV.UK Design System markup
# ------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "5.14.0"

# ------------------------------------------------------------------------------
# Email: printed to the console unless EMAIL_HOST names an SMTP server. Every email is
# sent by the task worker (trauma_wales.emails), never inside a request.
# ------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = int(env_number("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = env_number("EMAIL_TIMEOUT", 10)  # seconds an SMTP server may take to answer
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@example.org")
# Seconds to wait before each retry of an email that could not be sent; after the last,
# the email is marked as not sent (one more attempt than there are delays).
EMAIL_RETRY_DELAYS = [
    int(delay)
    for delay in os.environ.get("EMAIL_RETRY_DELAYS", "60,300,1800,7200").split(",")
    if delay.strip()
]

# ------------------------------------------------------------------------------
# Background work: Django's tasks API (the django-tasks backport), queued in the database
# and run by `manage.py db_worker`, so no other server is needed (docs/adr/0010).
# ------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /health/ready/ fails when a task has waited longer than this for a worker.
TASK_BACKLOG_MINUTES = env_number("TASK_BACKLOG_MINUTES", 10)
# `manage.py run_schedule`, once a day from cron or a timer, runs these in order; each is
# safe to run twice, and on several machines at once.
SCHEDULE_DAILY = [
    ["send_overdue_digests"],
    ["clearsessions"],
    ["prune_db_task_results", "--min-age-days=14"],
    ["prune_emails", "--days=30"],
    ["prune_sign_in_failures"],
    ["delete_organisations_due"],
]

# ------------------------------------------------------------------------------
# Cache: shared by every process, in the database (its table is made by a migration of
# trauma_wales), so no other server is needed; or a Redis server named by CACHE_URL
# (redis:// or rediss://, with a password and database number in the URL as usual).
# ------------------------------------------------------------------------------
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
CACHES: dict[str, dict[str, Any]]
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must start with redis:// or rediss:// (or be unset).")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "trauma_wales_cache",
        }
    }

# django-ratelimit (trauma_wales/rate_limits.py) asks for a cache whose increments are
# atomic, as Redis's are. The database cache reads then writes, so two requests at the same
# moment can count as one and a limit of three may let a fourth through: close enough for
# limits on emails and wrong passwords. Name a Redis server (CACHE_URL) for exact counts.
# Kept pages (trauma_wales.kept) have a cache of their own, so that the many large entries
# they make can never push the rate limits' counters out of the shared one: a table of its
# own in the database (culled at KEPT_CACHE_ENTRIES), or their own prefix on Redis.
if CACHE_URL:
    CACHES["kept"] = {**CACHES["default"], "KEY_PREFIX": "kept"}
else:
    CACHES["kept"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "trauma_wales_kept_cache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("KEPT_CACHE_ENTRIES", "2000"))},
    }

if CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]

# ------------------------------------------------------------------------------
# Product settings
# ------------------------------------------------------------------------------
INVITATION_VALID_DAYS = 14
# When a lead asks for their organisation to be deleted, it is deleted this many days later
# (the daily schedule), unless a lead keeps it before then.
ORGANISATION_DELETION_GRACE_DAYS = 30
# Who runs this deployment and how people reach them about their information (the privacy
# notice, /privacy/).
PRIVACY_OPERATOR = os.environ.get("DJANGO_PRIVACY_OPERATOR", "")  # "" reads "the team that..."
PRIVACY_CONTACT_EMAIL = os.environ.get("DJANGO_PRIVACY_CONTACT_EMAIL", "privacy@example.org")
# Board report PDFs are made by the worker (docs/adr/0011). Ahead of time: when a cycle is
# submitted, its targets set or its plan changed, every version and language is made
# before anyone asks; off, each is made when first asked for.
REPORTS_RENDER_AHEAD = env_bool("REPORTS_RENDER_AHEAD", default=True)
# A render queued or running for longer than this (seconds) is taken to have been lost
# (no worker running, or it stopped): the page offers to try again.
REPORTS_RENDER_TIMEOUT = int(os.environ.get("REPORTS_RENDER_TIMEOUT", "600"))

# ------------------------------------------------------------------------------
# Security headers that hold everywhere
# ------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Pages load only the service's own files: the one inline script (which marks the page as
# having JavaScript before it draws) carries the request's nonce; no inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# The browser features the service never uses, turned off for its pages.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "microphone", "midi", "payment", "usb", "serial", "hid",
    )
}  # fmt: skip
CSRF_COOKIE_HTTPONLY = False

# Each line: time, level, the request's id (X-Request-ID), logger and message.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "trauma_wales.request_id.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint reports each rendering step at INFO; only its warnings are useful here.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
