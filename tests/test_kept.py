"""trauma_wales.kept: built once, then read from the process's memory or the shared cache,
never out of date because the key names what was built."""

import pytest
from django.core.cache import caches

from trauma_wales import kept as kept_module
from trauma_wales.kept import kept, kept_clear


def test_built_once_then_remembered_by_the_process_and_the_shared_cache():
    builds = []

    def build() -> str:
        builds.append(1)
        return "the page"

    assert kept(("page", 1), build) == "the page"
    assert kept(("page", 1), build) == "the page"
    assert len(builds) == 1
    with kept_module._local_lock:
        kept_module._local.clear()  # another process: only the shared cache has it
    assert kept(("page", 1), build) == "the page"
    assert len(builds) == 1
    kept_clear()
    assert kept(("page", 1), build) == "the page"
    assert len(builds) == 2


def test_a_new_key_is_built_afresh():
    assert kept(("page", 1), lambda: "version 1") == "version 1"
    assert kept(("page", 2), lambda: "version 2") == "version 2"
    assert kept(("page", 1), lambda: "not built") == "version 1"


def test_the_process_remembers_only_the_latest_entries(monkeypatch):
    monkeypatch.setattr(kept_module, "LOCAL_ENTRIES", 2)
    for number in range(3):
        kept(("page", number), lambda number=number: f"page {number}")
    assert len(kept_module._local) == 2
    caches["kept"].clear()
    assert kept(("page", 0), lambda: "built again") == "built again"
    assert kept(("page", 2), lambda: "not built") == "page 2"


@pytest.mark.django_db
def test_the_data_version_changes_with_a_change_and_not_with_a_download(organisation, lead):
    from trauma_wales.audit import audit_record
    from trauma_wales.kept import organisation_data_version

    before = organisation_data_version(organisation.pk)
    audit_record(actor=lead, action="plan.exported", organisation=organisation)
    assert organisation_data_version(organisation.pk) == before
    audit_record(actor=lead, action="organisation.updated", organisation=organisation)
    assert organisation_data_version(organisation.pk) != before


@pytest.mark.django_db
def test_the_latest_change_is_read_through_the_changes_only_index(organisation, lead):
    """The data version is asked for on every kept page; read through an index of every
    entry, it walked past each download since the last change (docs/adr/0016)."""
    from django.db import connection, transaction

    from trauma_wales.audit import audit_record
    from trauma_wales.kept import _latest_change_sql
    from trauma_wales.models import LATEST_CHANGE_INDEX

    audit_record(actor=lead, action="organisation.updated", organisation=organisation)
    for _ in range(3):
        audit_record(actor=lead, action="plan.exported", organisation=organisation)
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # a table this small is cheaper read whole
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(explain + _latest_change_sql(), [organisation.pk])
        plan = " ".join(str(column) for row in cursor.fetchall() for column in row)
    assert LATEST_CHANGE_INDEX in plan, plan
