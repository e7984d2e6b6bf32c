"""The platform admin cannot go around the rules: members, roles and invitations are
read-only there, deleting an organisation is recorded and keeps its history, and the
audit trail cannot be added to, changed or deleted (docs/adr/0014)."""

import pytest
from django.test import Client
from django.urls import reverse

from organisations.models import Invitation, Membership, Organisation
from organisations.services import organisation_delete
from tests.accounts.factories import UserFactory
from tests.organisations.factories import InvitationFactory, MembershipFactory
from trauma_wales.audit import audit_record
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    staff = UserFactory(is_staff=True, is_superuser=True, full_name="Platform Person")
    client = Client()
    client.force_login(staff)
    client.staff = staff
    return client


@pytest.fixture
def lead_membership():
    membership = MembershipFactory(
        role=Role.LEAD, organisation__name="Cwm Afon", user__full_name="Siân Jones"
    )
    InvitationFactory(organisation=membership.organisation)
    return membership


def test_the_membership_inline_shows_members_but_cannot_change_roles(admin_client, lead_membership):
    organisation = lead_membership.organisation
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Siân Jones" in page.content.decode()
    assert 'name="memberships-0-role"' not in page.content.decode()
    response = admin_client.post(
        url,
        {
            "name": "Renamed",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(lead_membership.pk),
            "memberships-0-organisation": str(organisation.pk),
            "memberships-0-role": Role.BOARD,
            "memberships-0-DELETE": "on",
        },
    )
    assert response.status_code == 403
    lead_membership.refresh_from_db()
    organisation.refresh_from_db()
    assert (lead_membership.role, organisation.name) == (Role.LEAD, "Cwm Afon")
    assert not AuditEntry.objects.exclude(action__startswith="user.").exists()


def test_organisations_and_invitations_cannot_be_added_or_invitations_changed(
    admin_client, lead_membership
):
    invitation = Invitation.objects.get()
    assert admin_client.get(reverse("admin:organisations_organisation_add")).status_code == 403
    assert admin_client.get(reverse("admin:organisations_invitation_add")).status_code == 403
    change = reverse("admin:organisations_invitation_change", args=[invitation.pk])
    assert admin_client.post(change, {"role": Role.LEAD}).status_code == 403
    delete = reverse("admin:organisations_invitation_delete", args=[invitation.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    invitation.refresh_from_db()
    assert invitation.role == Role.CONTRIBUTOR


def test_deleting_an_organisation_is_recorded_and_keeps_its_history(admin_client, lead_membership):
    organisation = lead_membership.organisation
    audit_record(
        action="organisation.updated", actor=lead_membership.user, organisation=organisation
    )
    url = reverse("admin:organisations_organisation_delete", args=[organisation.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not Membership.objects.filter(pk=lead_membership.pk).exists()
    history = AuditEntry.objects.filter(organisation_id=organisation.pk).order_by("pk")
    assert [(e.action, e.organisation_name, e.actor_name) for e in history] == [
        ("organisation.updated", "Cwm Afon", lead_membership.user.full_name),
        ("organisation.deleted", "Cwm Afon", "Platform Person"),
    ]
    assert history.last().details == {"name": "Cwm Afon", "members": 1}


def test_the_audit_trail_in_the_admin_is_read_only(admin_client, lead_membership):
    entry = audit_record(action="organisation.updated", organisation=lead_membership.organisation)
    assert admin_client.get(reverse("admin:trauma_wales_auditentry_changelist")).status_code == 200
    view = reverse("admin:trauma_wales_auditentry_change", args=[entry.pk])
    assert admin_client.get(view).status_code == 200  # view only
    assert admin_client.post(view, {"action": "tampered"}).status_code == 403
    assert admin_client.get(reverse("admin:trauma_wales_auditentry_add")).status_code == 403
    delete = reverse("admin:trauma_wales_auditentry_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).action == "organisation.updated"


def test_only_platform_staff_may_delete_an_organisation(lead_membership):
    with pytest.raises(DomainError):
        organisation_delete(organisation=lead_membership.organisation, actor=lead_membership.user)
    assert Organisation.objects.filter(pk=lead_membership.organisation_id).exists()
    assert not AuditEntry.objects.filter(action="organisation.deleted").exists()
