"""What the settings read from the environment, and what production refuses to start
without. Each case imports the settings in a fresh Python, as a deployment would."""

import json
import os
import secrets
import subprocess
import sys

import pytest

# Settings are read from the environment, not the database: PostgreSQL's run only.
pytestmark = pytest.mark.database_independent

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "trauma_wales.settings.production",
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "postgres://app:secret@db.internal:5432/trauma_wales",
    "EMAIL_HOST": "smtp.example.org",
}
READ = ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_TIMEOUT", "EMAIL_RETRY_DELAYS"]  # fmt: skip


def _without_settings() -> dict[str, str]:
    """This process's environment without anything the settings read."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "EMAIL_")) and k != "DATABASE_URL"
    }


def settings_with(env: dict[str, str], names=READ, then: str = "") -> dict:
    """The named settings as that environment makes them (and what `then`, run after,
    adds to `found`); raises with the process's error when the settings refuse to load."""
    code = "\n".join([
        "import importlib, json, os",
        "settings = importlib.import_module(os.environ['DJANGO_SETTINGS_MODULE'])",
        f"found = {{n: getattr(settings, n) for n in {names!r}}}",
        then,
        "print(json.dumps(found, default=str))",
    ])  # fmt: skip
    done = subprocess.run(  # noqa: S603 (our own code, in the test's Python)
        [sys.executable, "-c", code], env={**_without_settings(), **env},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    return json.loads(done.stdout)


def test_the_mail_server_comes_from_the_environment():
    found = settings_with({
        **PRODUCTION, "EMAIL_PORT": "587", "EMAIL_HOST_USER": "trauma-wales",
        "EMAIL_HOST_PASSWORD": "s3cret", "EMAIL_USE_TLS": "true", "EMAIL_TIMEOUT": "4.5",
        "EMAIL_RETRY_DELAYS": "30, 90",
    })  # fmt: skip
    assert found == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "trauma-wales", "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False, "EMAIL_TIMEOUT": 4.5,
        "EMAIL_RETRY_DELAYS": [30, 90],
    }  # fmt: skip


def test_an_smtp_server_that_never_answers_is_given_ten_seconds_by_default():
    found = settings_with(PRODUCTION)
    assert found["EMAIL_TIMEOUT"] == 10
    assert found["EMAIL_PORT"] == 25


def test_locally_emails_are_printed_until_a_mail_server_is_named():
    local = {"DJANGO_SETTINGS_MODULE": "trauma_wales.settings.local"}
    assert settings_with(local)["EMAIL_BACKEND"].endswith("console.EmailBackend")
    named = settings_with({**local, "EMAIL_HOST": "localhost", "EMAIL_PORT": "1025"})
    assert named["EMAIL_BACKEND"].endswith("smtp.EmailBackend")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"DATABASE_URL": ""}, "Set DATABASE_URL to the PostgreSQL database"),
        ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, "DJANGO_ALLOW_SQLITE=1"),
        ({"DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
         "DJANGO_ALLOW_CONSOLE_EMAIL=1"),
        ({"DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
         "no email would reach anyone"),
        ({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "not both"),
        ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT must be a number"),
        ({"DJANGO_SECRET_KEY": ""}, "Set DJANGO_SECRET_KEY"),
    ],
    ids=["no database", "sqlite", "console email", "locmem email", "tls and ssl", "bad port",
         "no secret"],
)  # fmt: skip
def test_production_refuses_to_start_and_says_why(change, message):
    env = {**PRODUCTION, **change}
    if env.get("DATABASE_URL") == "":
        del env["DATABASE_URL"]
    with pytest.raises(RuntimeError, match="ImproperlyConfigured") as refused:
        settings_with(env)
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ({"DATABASE_URL": "", "DJANGO_ALLOW_SQLITE": "1"}, "sqlite3"),
        ({"DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
          "DJANGO_ALLOW_CONSOLE_EMAIL": "1"}, "console"),
    ],
    ids=["sqlite allowed", "console email allowed"],
)  # fmt: skip
def test_production_starts_with_either_when_told_it_is_deliberate(change, found):
    env = {**PRODUCTION, **change}
    if env.get("DATABASE_URL") == "":
        del env["DATABASE_URL"]
    loaded = settings_with(env, names=["EMAIL_BACKEND", "DATABASES"])
    assert found in json.dumps(loaded)


SENTRY = (
    "import sentry_sdk; client = sentry_sdk.get_client(); "
    "found['active'] = client.is_active(); "
    "found['pii'] = client.options['send_default_pii'] if client.is_active() else None"
)


def test_sentry_starts_only_with_a_dsn_and_sends_no_personal_data():
    assert settings_with(PRODUCTION, names=[], then=SENTRY) == {"active": False, "pii": None}
    with_dsn = {**PRODUCTION, "SENTRY_DSN": "https://key@127.0.0.1:9/1"}
    assert settings_with(with_dsn, names=[], then=SENTRY) == {"active": True, "pii": False}


def test_the_cache_is_the_database_unless_a_redis_server_is_named():
    assert settings_with(PRODUCTION, names=["CACHES"])["CACHES"]["default"]["BACKEND"].endswith(
        "db.DatabaseCache"
    )
    url = "rediss://:secret@cache.internal:6380/2"
    found = settings_with(
        {**PRODUCTION, "CACHE_URL": url},
        names=["CACHES"],
        then="from django.utils.module_loading import import_string; "
        "import_string(settings.CACHES['default']['BACKEND'])",
    )
    assert found["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
    }
    assert found["CACHES"]["kept"] == {**found["CACHES"]["default"], "KEY_PREFIX": "kept"}
    with pytest.raises(RuntimeError, match="CACHE_URL must start with redis://"):
        settings_with({**PRODUCTION, "CACHE_URL": "memcached://cache.internal"}, names=["CACHES"])


def test_production_keeps_each_process_connection_open_and_checks_it():
    found = settings_with(PRODUCTION, names=["DATABASES"])["DATABASES"]["default"]
    assert (found["CONN_MAX_AGE"], found["CONN_HEALTH_CHECKS"]) == (600, True)
    shorter = settings_with({**PRODUCTION, "DATABASE_CONN_MAX_AGE": "60"}, names=["DATABASES"])
    assert shorter["DATABASES"]["default"]["CONN_MAX_AGE"] == 60


def test_the_deployment_checklist_finds_nothing_in_production_settings():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**_without_settings(), **PRODUCTION, "DJANGO_SECRET_KEY": secrets.token_urlsafe(50)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout
