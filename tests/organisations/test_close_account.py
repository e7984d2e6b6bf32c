"""A person closes their account: they leave their organisations, their name and email
address go from the account and from the history others keep (and only as a recorded
redaction allows), and nobody is left without a lead."""

# ruff: noqa: S608 (the SQL names our own tables; the tests send it as anyone could)

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.services import CLOSED_EMAIL
from organisations.models import Membership
from organisations.services import account_close, membership_add
from tests.accounts.factories import PASSWORD, UserFactory
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry, AuditRedaction
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db
URL = reverse("close_account")
HISTORY = "organisations:history"


@pytest.fixture
def leaver(organisation, lead):
    """A contributor added by the lead (an entry names them), who then did things."""
    user = UserFactory(full_name="Nia Leaver", email="nia.leaver@example.org")
    membership_add(organisation=organisation, user=user, role=Role.CONTRIBUTOR, actor=lead)
    client_for(user).get(reverse("personal_data"))  # an entry they made
    return user


def _database_refuses(sql: str, params) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_closing_removes_the_name_everywhere_and_keeps_the_history(organisation, lead, leaver):
    entries = set(AuditEntry.objects.filter(actor=leaver).values_list("pk", flat=True))
    named = AuditEntry.objects.get(action="membership.added", details__member="Nia Leaver")

    account_close(user=leaver)

    leaver.refresh_from_db()
    assert (leaver.full_name, leaver.email) == ("", CLOSED_EMAIL.format(pk=leaver.pk))
    assert leaver.closed_at is not None and not leaver.is_active
    assert not leaver.has_usable_password()
    assert leaver.shown_name == "a former member"
    assert not Membership.objects.filter(user=leaver).exists()
    left = AuditEntry.objects.get(action="membership.left", organisation=organisation)
    assert (left.actor_id, left.actor_name, left.details) == (
        leaver.pk,
        "",
        {"role": "contributor"},
    )
    closed = AuditEntry.objects.get(action="user.closed")
    assert (closed.actor_id, closed.actor_name, closed.target_id) == (None, "", str(leaver.pk))
    assert entries and all(
        name == ""
        for name in AuditEntry.objects.filter(pk__in=entries).values_list("actor_name", flat=True)
    )
    named.refresh_from_db()
    assert named.details == {"member": None, "role": "contributor"}
    assert named.actor_name == lead.full_name  # the lead's own name stays
    # Every entry that changed has its redaction on record, with what it now says.
    redactions = {r.entry_id: (r.actor_name, r.details) for r in AuditRedaction.objects.all()}
    for entry in AuditEntry.objects.filter(pk__in=redactions):
        assert redactions[entry.pk] == (entry.actor_name, entry.details)
    assert named.pk in redactions and left.pk in redactions
    # Nothing anywhere in the trail still holds the name or the address.
    for entry in AuditEntry.objects.all():
        text = f"{entry.actor_name} {entry.details}"
        assert "Nia Leaver" not in text and "nia.leaver@example.org" not in text

    page = client_for(lead).get(reverse(HISTORY, args=[organisation.slug])).content.decode()
    assert "Nia Leaver" not in page
    assert "Added a former member as contributor" in page
    assert "Closed their account and left the organisation (contributor)" in page


def test_the_database_still_refuses_any_other_change_to_an_entry(organisation, lead, leaver):
    account_close(user=leaver)
    entry = AuditEntry.objects.get(action="membership.left")
    table, redactions = AuditEntry._meta.db_table, AuditRedaction._meta.db_table

    assert _database_refuses(f"UPDATE {table} SET action = 'x' WHERE id = %s", [entry.pk])
    assert _database_refuses(f"UPDATE {table} SET actor_name = 'Nia' WHERE id = %s", [entry.pk])
    assert _database_refuses(f"DELETE FROM {table} WHERE id = %s", [entry.pk])
    assert _database_refuses(f"UPDATE {redactions} SET actor_name = 'Nia'", [])
    assert _database_refuses(f"DELETE FROM {redactions}", [])
    # A redaction allows exactly what it holds: not another change to the same entry.
    named = AuditEntry.objects.get(action="membership.added")
    assert named.actor_name == lead.full_name
    assert _database_refuses(f"UPDATE {table} SET actor_name = '' WHERE id = %s", [named.pk])


def test_the_only_lead_cannot_close_until_someone_else_leads(organisation, lead, contributor):
    with pytest.raises(DomainError, match="only lead of Cwm Afon Housing"):
        account_close(user=lead)
    lead.refresh_from_db()
    assert lead.is_active and lead.full_name and Membership.objects.filter(user=lead).exists()

    Membership.objects.filter(user=contributor).update(role=Role.LEAD)
    account_close(user=lead)
    assert not Membership.objects.filter(user=lead).exists()


def test_the_page_asks_for_the_password_and_signs_the_person_out(organisation, leaver):
    client = client_for(leaver)
    page = client.get(URL)
    assert page.status_code == 200
    assert "you will leave Cwm Afon Housing" in page.content.decode()

    wrong = client.post(URL, {"password": "not-the-password"})
    assert wrong.status_code == 200
    assert "Your password is not right" in wrong.content.decode()
    empty = client.post(URL, {"password": ""})
    assert "Enter your password to close your account" in empty.content.decode()
    leaver.refresh_from_db()
    assert leaver.closed_at is None and Membership.objects.filter(user=leaver).exists()

    done = client.post(URL, {"password": PASSWORD}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("accounts:login")
    assert "Your account is closed" in done.content.decode()
    assert client.get(reverse("personal_data")).status_code == 302  # signed out
    sign_in = {"username": "nia.leaver@example.org", "password": PASSWORD}
    assert Client().post(reverse("accounts:login"), sign_in).status_code == 200  # refused
    assert not AuditEntry.objects.filter(action="user.signed_out").exists()


def test_an_only_lead_is_told_why_and_offered_no_form(organisation, lead):
    page = client_for(lead).get(URL).content.decode()
    assert "You cannot close your account yet" in page
    assert reverse("organisations:members", args=[organisation.slug]) in page
    assert 'name="password"' not in page
    refused = client_for(lead).post(URL, {"password": PASSWORD})
    assert refused.status_code == 200
    assert "only lead of Cwm Afon Housing" in refused.content.decode()
    lead.refresh_from_db()
    assert lead.closed_at is None


def test_someone_with_no_organisation_can_close(db):
    person = UserFactory()
    response = client_for(person).post(URL, {"password": PASSWORD})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.closed_at is not None


def test_signed_out_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_two_organisations_both_record_the_leaving(organisation, lead, leaver):
    other = OrganisationFactory(name="Gwent Recovery")
    MembershipFactory(organisation=other, role=Role.LEAD)
    MembershipFactory(organisation=other, user=leaver, role=Role.REVIEWER)
    account_close(user=leaver)
    left = AuditEntry.objects.filter(action="membership.left").order_by("organisation_name")
    assert [(e.organisation_name, e.details["role"]) for e in left] == [
        ("Cwm Afon Housing", "contributor"),
        ("Gwent Recovery", "reviewer"),
    ]


def test_pages_and_reports_name_a_closed_account_a_former_member_in_each_language(leaver):
    assert leaver.shown_name == "Nia Leaver"
    account_close(user=leaver)
    leaver.refresh_from_db()
    assert str(leaver) == leaver.shown_name == "a former member"
    with translation.override("cy"):
        assert leaver.shown_name == "aelod blaenorol"
