"""Production settings: several stateless app processes behind a load balancer.

Everything a deployment must decide comes from the environment; the process refuses
to start without a secret key and a host list, and without a real database and a real
mail server unless told that this is deliberate (a demonstration, say).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_number

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated).")
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not env_bool("DJANGO_ALLOW_SQLITE"):  # noqa: F405
    raise ImproperlyConfigured(
        "Set DATABASE_URL to the PostgreSQL database (postgres://user:password@host/name). "
        "SQLite keeps the data on one machine and lets one process write at a time; set "
        "DJANGO_ALLOW_SQLITE=1 only if that is what you want."
    )
# Persistent connections: opening one per request cost the bare page about 70% of its
# throughput. Each process keeps one connection (a gunicorn sync worker, the task worker),
# checked before reuse so a restarted database does not fail the next request.
DATABASES["default"]["CONN_MAX_AGE"] = int(  # noqa: F405
    os.environ.get("DATABASE_CONN_MAX_AGE", "600")
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAILS_GO_NOWHERE = ("console", "locmem", "dummy", "filebased")
if EMAIL_BACKEND.rsplit(".", 2)[-2] in EMAILS_GO_NOWHERE and not env_bool(
    "DJANGO_ALLOW_CONSOLE_EMAIL"
):
    raise ImproperlyConfigured(
        f"DJANGO_EMAIL_BACKEND is {EMAIL_BACKEND}: no email would reach anyone. Set "
        "EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS or "
        "EMAIL_USE_SSL) for the SMTP server, or DJANGO_ALLOW_CONSOLE_EMAIL=1 only if "
        "printing emails to the log is what you want."
    )

CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

# WhiteNoise serves the collected static files straight after the security middleware.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

# Compressing every static file (gzip and Brotli) takes about half a minute at each
# collectstatic; a deployment whose proxy or CDN compresses may turn it off.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or STATIC_ROOT)  # noqa: F405
# Uploaded and generated files go through the default storage; with more than one machine
# it must be shared (a shared mount here, or an object-storage backend).
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or MEDIA_ROOT)  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405  (default, and the board reports' storage from the environment)
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("DJANGO_STATIC_COMPRESS", default=True)
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Consent to the browsers' HTTPS-only list; it takes effect only if the domain's owner
# submits the domain (hstspreload.org), so it is safe on a subdomain too.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)

# The load balancer's probes come over plain HTTP, inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]

# Error tracking, only when a deployment gives a DSN; no personal data is sent.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=env_number("SENTRY_TRACES_SAMPLE_RATE", 0),
    )
