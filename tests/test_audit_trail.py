"""Audit entries outlive what they describe (docs/adr/0014): deleting an organisation or
a person leaves their entries, names and all.
"""

import pytest

from organisations.models import Organisation
from tests.organisations.factories import MembershipFactory
from trauma_wales.audit import audit_record
from trauma_wales.models import AuditEntry

pytestmark = pytest.mark.django_db


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
