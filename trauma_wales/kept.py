"""What is expensive to build and changes rarely, kept in a shared cache under a key made
of the versions of everything it was built from, so it can never be served stale and
needs no invalidation written by hand (docs/adr/0016).

The version of an organisation's data is its latest audit entry: every service that
changes organisation data records one in the same transaction (tests/test_audit_coverage.py
holds every service to it), so any change gives a new key. The code's version (templates,
translations and Python of this deployment) is part of every key, so a deployment never
serves what older code built. Callers add the rest: the framework content's hash, the
language, the options, and the day for anything that shows a date or what is overdue.

Only what is the same for everyone who may see it is kept: never forms, CSRF tokens or
the reader's own name.

Each process also remembers the last `LOCAL_ENTRIES` things it was given, in its own
memory: a key names exactly what was built, so a remembered entry is never out of date,
and a page read again skips the shared cache's query and the unpickling of its text.
"""

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from trauma_wales.models import LATEST_CHANGE_INDEX, AuditEntry, SharedDataVersion

T = TypeVar("T")  # text, a file's bytes, or any value the cache can pickle
KEPT_SECONDS = 24 * 60 * 60  # a day: the key changes with the day anyway for dated pages
LOCAL_ENTRIES = 64  # per process: at most a few megabytes of report and plan pages
_SOURCES = ("*.py", "*.html", "*.txt", "*.mo")
# What a page is built from: the apps, the templates and the Welsh catalogue (never .venv,
# node_modules or collected static files, which a walk of the whole project would read).
_FOLDERS = (
    "trauma_wales", "accounts", "organisations", "framework", "assessments", "workforce",
    "voices", "action_plans", "reports", "networks", "templates", "locale",
)  # fmt: skip


@cache
def code_version() -> str:
    """This deployment's code: RELEASE when the deployment sets it, otherwise a hash of the
    project's templates, translations and Python (read once per process, from the
    project's own folders only)."""
    release = os.environ.get("RELEASE", "").strip()
    if release:
        return release
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder in _FOLDERS:
        for pattern in _SOURCES:
            for path in sorted((root / folder).rglob(pattern)):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def _latest_change_sql() -> str:
    """The latest change's id and time, as SQL written once per process. It runs on every
    kept page, and building it through the ORM each time took about ten times as long as
    running it (0.23 against 0.02 ms in-process). Its condition is the text of the
    changes-only index's own condition (models.LATEST_CHANGE_INDEX), as the database
    writes it, so that both databases see the query is answered by that index (SQLite
    uses a partial index only when the query repeats its condition word for word); every
    value that varies goes in as a parameter."""
    index = next(i for i in AuditEntry._meta.indexes if i.name == LATEST_CHANGE_INDEX)
    changes_only = index._get_condition_sql(AuditEntry, connection.schema_editor())
    return (
        f"SELECT id, created_at FROM {AuditEntry._meta.db_table} "  # noqa: S608
        f"WHERE organisation_id = %s AND {changes_only.replace('%', '%%')} "
        "ORDER BY created_at DESC, id DESC LIMIT 1"
    )


def organisation_data_version(organisation) -> str:
    """The id and time of the organisation's latest audit entry that records a change ("0"
    before the first): one indexed query, and a new value after any change to its data.
    The time tells apart entries of a database emptied and filled again, whose ids may
    start again from 1. `organisation` is an organisation or its id."""
    organisation_id = getattr(organisation, "pk", organisation)
    with connection.cursor() as cursor:
        cursor.execute(_latest_change_sql(), [organisation_id])
        latest = cursor.fetchone()
    return f"{latest[0]}@{latest[1]}" if latest else "0"


def organisation_page_parts(organisation, content_hash: str) -> tuple[str, str, str, str]:
    """What every kept page of an organisation depends on besides its own options: the
    organisation's data version, the framework content's hash, the page's language, and
    the day (for dates and what is overdue)."""
    return (
        organisation_data_version(organisation),
        content_hash,
        get_language(),
        timezone.localdate().isoformat(),
    )


_local: OrderedDict[str, object] = OrderedDict()
_local_lock = threading.Lock()


def kept(parts: Iterable, build: Callable[[], T]) -> T:
    """What `build()` makes (text, a file's bytes, or another value), from this process's
    memory or the shared cache when something with the same key (`parts` and the code's
    version) was built before."""
    key_source = repr((code_version(), *parts)).encode()
    key = "kept:" + hashlib.sha256(key_source).hexdigest()
    with _local_lock:
        found = _local.get(key)
        if found is not None:
            _local.move_to_end(key)
            return found  # type: ignore[return-value]
    store = caches["kept"]  # its own cache: settings.CACHES
    made: T | None = store.get(key)
    if made is None:
        made = build()
        store.set(key, made, KEPT_SECONDS)
    with _local_lock:
        _local[key] = made
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return made


def kept_clear() -> None:
    """Forget everything kept, in the shared cache and in this process (for tests)."""
    caches["kept"].clear()
    with _local_lock:
        _local.clear()


# What comparisons between organisations are built from (networks: their figures and
# benchmarks): submitted findings, who shares them with which network, and each
# organisation's sector and areas. Every change to any of these counts one.
PEER_FIGURES = "peer-figures"


def shared_data_version_bump(name: str) -> None:
    """Count a change to shared data called `name`, inside the caller's transaction."""
    changed = SharedDataVersion.objects.filter(name=name).update(number=F("number") + 1)
    if not changed:
        SharedDataVersion.objects.get_or_create(name=name, defaults={"number": 1})


def shared_data_version(name: str) -> int:
    """How many changes shared data called `name` has seen (0 before the first)."""
    found = SharedDataVersion.objects.filter(name=name).values_list("number", flat=True).first()
    return found or 0
