"""Test settings: fast hashing, in-memory email and cache, no real secrets."""

import os
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, inside the test, unless a test asks for the queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# With tasks run at once, every plan change in a browser journey would make four report
# PDFs inside its request; the tests that are about rendering ahead turn it on.
REPORTS_RENDER_AHEAD = False
# Per process, so that counting a page's queries does not count the cache's.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "kept": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kept"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}

# scripts/test migrates one PostgreSQL database before the suite and names it here; each
# test process then copies it (CREATE DATABASE ... TEMPLATE) instead of migrating its own.
test_template = os.environ.get("DATABASE_TEST_TEMPLATE")
if test_template and "postgresql" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    DATABASES["default"]["TEST"] = {"TEMPLATE": test_template}  # noqa: F405

# On SQLite, scripts/test migrates one database file the same way (SQLITE_TEST_TEMPLATE);
# each test process starts from a copy of it (tests/conftest.py) instead of migrating its
# own in memory. The copies sit beside it, on /dev/shm where there is one.
sqlite_template = os.environ.get("SQLITE_TEST_TEMPLATE")
if sqlite_template and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(Path(sqlite_template).with_name("test.sqlite3"))}  # noqa: F405
