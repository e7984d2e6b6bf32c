"""The embedded default (SQLite in a file) must hold up when colleagues save at once.

Racing saves used to fail with "database is locked" (500s, and the person lost what they
typed). The settings turn on write-ahead logging, a busy timeout and immediate
transactions; these tests open real SQLite files with exactly those settings.
"""

import contextlib
import os
import threading

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="about SQLite in a file: run once, in the SQLite stage",
)


def sqlite_connection(path, options=None) -> DatabaseWrapper:
    """A connection to the SQLite file at `path` with the project's settings."""
    options = settings.DATABASES["default"].get("OPTIONS", {}) if options is None else options
    wrapper = DatabaseWrapper(
        {**settings.DATABASES["default"], "NAME": str(path), "OPTIONS": options}, alias="race"
    )
    wrapper.ensure_connection()
    return wrapper


@pytest.fixture
def unblocked(django_db_blocker):
    with django_db_blocker.unblock():
        yield


def test_the_database_runs_in_write_ahead_mode_with_a_busy_timeout(tmp_path, unblocked):
    wrapper = sqlite_connection(tmp_path / "wal.sqlite3")
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 10_000
    wrapper.close()


def test_two_transactions_that_read_then_write_both_succeed(tmp_path, unblocked):
    """The classic SQLite failure: two transactions read, then both try to write. With
    deferred transactions the second fails at once with "database is locked" (waiting could
    deadlock); immediate transactions make it wait its turn instead."""
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    path = tmp_path / "upgrade.sqlite3"

    def connection():
        return sqlite_connection(path)

    setup = connection()
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()

    both_read = threading.Barrier(2, timeout=10)
    errors = []

    def read_then_write():
        wrapper = connection()
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("BEGIN " + (wrapper.transaction_mode or ""))
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_read.wait(timeout=1)  # with immediate transactions one waits here
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
                cursor.execute("COMMIT")
        except Exception as error:
            errors.append(error)
        finally:
            wrapper.close()

    threads = [threading.Thread(target=read_then_write) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    check = connection()
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone()[0] == 2  # neither write was lost
    check.close()
