"""The audit trail is append-only and outlives what it describes (docs/adr/0014).

The database itself refuses an UPDATE or a DELETE of an entry (a trigger, on SQLite and
on PostgreSQL: the suite runs on both), the model and its queryset refuse them in Python,
and deleting an organisation or a person leaves their entries, names and all.
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from organisations.models import Organisation
from tests.organisations.factories import MembershipFactory
from trauma_wales.audit import audit_record, audit_value, changes
from trauma_wales.history_models import ImmutableRecordError
from trauma_wales.models import AuditEntry

pytestmark = pytest.mark.django_db

TABLE = AuditEntry._meta.db_table


@pytest.fixture
def entry():
    membership = MembershipFactory(user__full_name="Siân Jones", organisation__name="Cwm Afon")
    return audit_record(
        action="organisation.updated",
        actor=membership.user,
        organisation=membership.organisation,
        target=membership.organisation,
        details={"changed": {"name": ["Cwm", "Cwm Afon"]}},
    )


def _raw(sql: str, params=()) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {TABLE} SET action = 'tampered' WHERE id = %s",  # noqa: S608
        f"UPDATE {TABLE} SET details = '{{}}', actor_id = NULL WHERE id = %s",  # noqa: S608
        f"DELETE FROM {TABLE} WHERE id = %s",  # noqa: S608
    ],
    ids=["update", "update-details", "delete"],
)
def test_the_database_refuses_to_change_or_delete_an_entry(entry, sql):
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"):
        _raw(sql, [entry.pk])
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert (kept.action, kept.details, kept.actor_id) == (
        "organisation.updated",
        {"changed": {"name": ["Cwm", "Cwm Afon"]}},
        entry.actor_id,
    )


def test_the_database_still_takes_new_entries(entry):
    _raw(
        f"INSERT INTO {TABLE} (action, target_type, target_id, details, created_at,"  # noqa: S608
        " actor_name, organisation_name) VALUES ('x.y', '', '', '{}', %s, '', '')",
        [entry.created_at],
    )
    assert AuditEntry.objects.filter(action="x.y").count() == 1


def test_python_refuses_too(entry):
    entry.action = "tampered"
    with pytest.raises(ImmutableRecordError):
        entry.save()
    with pytest.raises(ImmutableRecordError):
        entry.delete()
    with pytest.raises(ImmutableRecordError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(ImmutableRecordError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(ImmutableRecordError):
        AuditEntry.objects.bulk_update([entry], ["action"])
    assert AuditEntry.objects.get(pk=entry.pk).action == "organisation.updated"


def test_deleting_the_organisation_and_the_person_keeps_the_entry_readable(entry):
    organisation_id, actor_id = entry.organisation_id, entry.actor_id
    entry.actor.delete()
    Organisation.objects.filter(pk=organisation_id).delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert (kept.organisation_id, kept.organisation_name) == (organisation_id, "Cwm Afon")
    assert (kept.actor_id, kept.actor_name) == (actor_id, "Siân Jones")
    assert AuditEntry.objects.filter(organisation_id=organisation_id).count() == 1


def test_an_entry_without_a_person_or_organisation_has_no_names():
    made = audit_record(action="user.sign_in_failed")
    assert (made.actor_id, made.actor_name, made.organisation_name) == (None, "", "")


@pytest.mark.django_db(transaction=True)
def test_emptying_the_whole_database_empties_the_trail_and_keeps_the_guard(entry):
    """`flush` (run after every transactional test) may empty the table; the guard is back
    afterwards."""
    call_command("flush", verbosity=0, interactive=False)
    assert not AuditEntry.objects.exists()
    kept = audit_record(action="x.y")
    with pytest.raises(DatabaseError):
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [kept.pk])  # noqa: S608
    assert AuditEntry.objects.filter(pk=kept.pk).exists()


def test_changes_keep_before_and_after_of_what_differs_only():
    found = changes(
        {"target_date": date(2026, 1, 5), "outcome": "Same", "owner": None},
        {"target_date": date(2026, 2, 12), "outcome": "Same", "owner": "Siân", "extra": ""},
    )
    assert found == {
        "target_date": ["2026-01-05", "2026-02-12"],
        "owner": [None, "Siân"],
        "extra": [None, ""],
    }


def test_long_text_is_cut_short_and_collections_are_sorted():
    assert len(audit_value("x" * 5000)) == 200
    assert audit_value("x" * 5000).endswith("…")
    assert audit_value({"b", "a"}) == ["a", "b"]
