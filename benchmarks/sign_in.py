"""Sign-in throughput with django-axes (the lock after ten wrong passwords) against
without it, side by side.

Each round signs in and fails to sign in RUNS times with axes on, then with it off, and
again (A B A B), through the real sign-in page and the test client, on a throwaway
database. Printed: sign-ins a second, the median over rounds, and the ratio with/without.
Twice: with the production password hasher (PBKDF2, where hashing is most of the time)
and with the test suite's quick hasher (which shows axes's own cost: its queries).

    .venv/bin/python benchmarks/sign_in.py     # BENCHMARK_RUNS=20 by default
"""

import os
import statistics
import time

import django_setup  # noqa: F401  (sets Django up before the imports below)

# isort: split
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

RUNS = int(os.environ.get("BENCHMARK_RUNS", "20"))
ROUNDS = 3
PASSWORD = "a-long-benchmark-password-7"  # noqa: S105 (a throwaway database)
HASHERS = {
    "production hasher (PBKDF2)": ["django.contrib.auth.hashers.PBKDF2PasswordHasher"],
    "quick hasher (MD5, tests)": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}


def per_second(axes: bool, emails: list[str]) -> float:
    """Sign-ins a second: alternately a right and a wrong password, each its own client.
    Starts with no failures counted (no address locked, no network limit reached)."""
    from axes.models import AccessAttempt
    from django.core.cache import cache

    AccessAttempt.objects.all().delete()
    cache.clear()
    url = reverse("accounts:login")
    with override_settings(AXES_ENABLED=axes):
        started = time.perf_counter()
        for n in range(RUNS):
            email = emails[n % len(emails)]
            password = PASSWORD if n % 2 == 0 else "not-the-password"
            answer = Client().post(url, {"username": email, "password": password})
            assert answer.status_code == (302 if n % 2 == 0 else 200), answer.status_code
        return RUNS / (time.perf_counter() - started)


def main() -> None:
    from accounts.models import User

    call_command("migrate", verbosity=0)
    for label, hashers in HASHERS.items():
        with override_settings(PASSWORD_HASHERS=hashers):
            User.objects.all().delete()
            emails = [f"person{n}@example.org" for n in range(RUNS)]
            for email in emails:
                User.objects.create_user(email=email, password=PASSWORD, full_name="Person")
            User.objects.update(email_confirmed_at="2026-01-05T10:00:00Z")
            per_second(True, emails)  # warm up
            with_axes, without = [], []
            for _ in range(ROUNDS):
                with_axes.append(per_second(True, emails))
                without.append(per_second(False, emails))
            a, b = statistics.median(with_axes), statistics.median(without)
            print(
                f"sign-in, {label}: {a:.1f}/s with axes, {b:.1f}/s without "
                f"(ratio {a / b:.2f}; median of {ROUNDS} rounds of {RUNS})"
            )


if __name__ == "__main__":
    main()
