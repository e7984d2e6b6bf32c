"""The organisation services, called directly: what they store, refuse, audit and send."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from organisations import services
from organisations.models import Invitation, Membership, Organisation, Sector, SizeBand
from organisations.policies import LAST_LEAD
from organisations.services import (
    INVITATION_EXPIRED,
    INVITATION_NOT_FOUND,
    INVITATION_USED,
    INVITATION_WITHDRAWN,
    hash_token,
)
from tests.accounts.factories import UserFactory
from tests.organisations.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
)
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

BASE_URL = "https://service.example/"


def _membership(organisation, user):
    return Membership.objects.get(organisation=organisation, user=user)


def _token_from(message) -> str:
    match = re.search(r"https://service\.example/invitations/([^/\s]+)/", message.body)
    assert match, message.body
    return match.group(1)


def _invite(organisation, invited_by, capture, email="new.person@example.org", role=Role.REVIEWER):
    with capture(execute=True):
        return services.invitation_create(
            organisation=organisation,
            invited_by=invited_by,
            email=email,
            role=role,
            base_url=BASE_URL,
        )


# --- organisation_register -------------------------------------------------------------


def test_register_creates_the_organisation_with_the_user_as_lead_and_audits_it():
    user = UserFactory()

    organisation = services.organisation_register(
        user=user, name="  Ysbyty Glan Môr  ", sector=Sector.HEALTH, size_band=SizeBand.LARGE
    )

    organisation.refresh_from_db()
    assert organisation.name == "Ysbyty Glan Môr"
    assert organisation.sector == Sector.HEALTH
    assert organisation.size_band == SizeBand.LARGE
    assert organisation.slug == "ysbyty-glan-mor"
    assert _membership(organisation, user).role == Role.LEAD
    assert Membership.objects.filter(organisation=organisation).count() == 1
    entry = AuditEntry.objects.get(action="organisation.registered")
    assert entry.actor == user
    assert entry.organisation == organisation
    assert entry.target_id == str(organisation.pk)


def test_two_organisations_with_the_same_name_get_different_slugs():
    first = services.organisation_register(
        user=UserFactory(), name="Valleys Care", sector=Sector.OTHER, size_band=SizeBand.SMALL
    )
    second = services.organisation_register(
        user=UserFactory(), name="Valleys Care", sector=Sector.OTHER, size_band=SizeBand.SMALL
    )

    assert first.slug == "valleys-care"
    assert second.slug != first.slug
    assert second.slug.startswith("valleys-care-")
    assert Organisation.objects.filter(name="Valleys Care").count() == 2


# --- membership_change_role and membership_remove --------------------------------------


def test_demoting_the_last_lead_is_refused_and_changes_nothing(organisation, lead):
    membership = _membership(organisation, lead)
    audit_before = AuditEntry.objects.count()

    with pytest.raises(DomainError) as refused:
        services.membership_change_role(
            membership=membership, role=Role.BOARD, actor=lead, expected_version=1
        )

    assert str(refused.value.message) == str(LAST_LEAD)
    membership.refresh_from_db()
    assert membership.role == Role.LEAD
    assert AuditEntry.objects.count() == audit_before


def test_removing_the_last_lead_is_refused_and_changes_nothing(organisation, lead, contributor):
    membership = _membership(organisation, lead)
    audit_before = AuditEntry.objects.count()

    with pytest.raises(DomainError) as refused:
        services.membership_remove(membership=membership, actor=lead)

    assert str(refused.value.message) == str(LAST_LEAD)
    assert Membership.objects.filter(pk=membership.pk, role=Role.LEAD).exists()
    assert AuditEntry.objects.count() == audit_before


def test_a_lead_can_be_demoted_when_there_is_another_lead(organisation, lead):
    other_lead = MembershipFactory(organisation=organisation, role=Role.LEAD)

    services.membership_change_role(
        membership=other_lead, role=Role.REVIEWER, actor=lead, expected_version=1
    )

    other_lead.refresh_from_db()
    assert other_lead.role == Role.REVIEWER
    entry = AuditEntry.objects.get(action="membership.role_changed")
    assert entry.actor == lead
    assert entry.organisation == organisation
    assert entry.details["changed"] == {"role": [Role.LEAD, Role.REVIEWER]}
    assert entry.details["member"] == other_lead.user.full_name


def test_a_lead_can_be_removed_when_there_is_another_lead(organisation, lead):
    other_lead = MembershipFactory(organisation=organisation, role=Role.LEAD)

    services.membership_remove(membership=other_lead, actor=lead)

    assert not Membership.objects.filter(pk=other_lead.pk).exists()
    assert Membership.objects.filter(organisation=organisation, role=Role.LEAD).count() == 1
    entry = AuditEntry.objects.get(action="membership.removed")
    assert entry.actor == lead
    assert entry.organisation == organisation
    assert entry.details == {"member": other_lead.user.full_name, "role": Role.LEAD}


def test_changing_to_an_unknown_role_is_refused(organisation, lead, contributor):
    membership = _membership(organisation, contributor)

    with pytest.raises(DomainError) as refused:
        services.membership_change_role(membership=membership, role="superuser", actor=lead)

    assert refused.value.field == "role"
    membership.refresh_from_db()
    assert membership.role == Role.CONTRIBUTOR


# --- invitation_create -----------------------------------------------------------------


def test_invitation_email_is_stored_in_lower_case(
    organisation, lead, django_capture_on_commit_callbacks
):
    invitation = _invite(
        organisation, lead, django_capture_on_commit_callbacks, email="  Nia.Jones@Example.ORG "
    )

    invitation.refresh_from_db()
    assert invitation.email == "nia.jones@example.org"
    assert invitation.role == Role.REVIEWER
    assert invitation.invited_by == lead
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert (
        AuditEntry.objects.filter(action="invitation.created", organisation=organisation).count()
        == 1
    )


def test_invitation_sends_one_email_after_commit_with_the_accept_link(
    organisation, lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = services.invitation_create(
            organisation=organisation,
            invited_by=lead,
            email="nia@example.org",
            role=Role.CONTRIBUTOR,
            base_url=BASE_URL,
        )
        assert mailoutbox == []  # nothing is sent before the transaction commits

    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nia@example.org"]
    token = _token_from(message)
    assert f"{BASE_URL}invitations/{token}/" in message.body
    assert invitation.token_hash == hash_token(token)


def test_only_a_hash_of_the_token_is_stored(
    organisation, lead, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = _invite(organisation, lead, django_capture_on_commit_callbacks)
    token = _token_from(mailoutbox[0])

    invitation.refresh_from_db()
    assert invitation.token_hash == hash_token(token)
    assert invitation.token_hash != token
    stored = [str(getattr(invitation, f.attname)) for f in Invitation._meta.concrete_fields]
    assert not any(token in value for value in stored)


def test_invitation_subject_shows_the_organisation_name_as_written(
    lead, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(name="St David's Hospice & Care")
    MembershipFactory(organisation=organisation, user=lead, role=Role.LEAD)

    _invite(organisation, lead, django_capture_on_commit_callbacks)

    assert "St David's Hospice & Care" in mailoutbox[0].body
    # Nobody said which language the invitee reads: both, Welsh first
    assert mailoutbox[0].subject == (
        "Rydych wedi cael gwahoddiad i ymuno â “St David's Hospice & Care”"
        " / You are invited to join “St David's Hospice & Care”"
    )


def test_inviting_an_existing_member_is_refused_on_the_email_field(
    organisation, lead, contributor, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(DomainError) as refused:
        _invite(
            organisation, lead, django_capture_on_commit_callbacks, email=contributor.email.upper()
        )

    assert refused.value.field == "email"
    assert contributor.email in str(refused.value.message)
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_inviting_a_member_of_another_organisation_is_allowed(
    organisation, lead, outsider, django_capture_on_commit_callbacks
):
    invitation = _invite(organisation, lead, django_capture_on_commit_callbacks, outsider.email)

    assert invitation.email == outsider.email


def test_inviting_the_same_email_again_withdraws_the_first_invitation(
    organisation, lead, mailoutbox, django_capture_on_commit_callbacks
):
    first = _invite(organisation, lead, django_capture_on_commit_callbacks, "nia@example.org")
    elsewhere = InvitationFactory(email="nia@example.org")  # another organisation's

    second = _invite(organisation, lead, django_capture_on_commit_callbacks, "NIA@example.org")

    first.refresh_from_db()
    second.refresh_from_db()
    elsewhere.refresh_from_db()
    assert first.revoked_at is not None
    assert second.revoked_at is None
    assert elsewhere.revoked_at is None
    assert len(mailoutbox) == 2
    with pytest.raises(DomainError):
        services.invitation_for_token(token=_token_from(mailoutbox[0]))
    assert services.invitation_for_token(token=_token_from(mailoutbox[1])) == second


# --- invitation_accept -----------------------------------------------------------------


def test_accepting_creates_the_membership_with_the_invited_role(organisation):
    invitation = InvitationFactory(
        organisation=organisation, email="nia@example.org", role=Role.BOARD, token="known-token"
    )
    user = UserFactory(email="nia@example.org")

    membership = services.invitation_accept(token="known-token", user=user)

    assert membership.organisation == organisation
    assert membership.user == user
    assert membership.role == Role.BOARD
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == user
    entry = AuditEntry.objects.get(action="invitation.accepted")
    assert entry.actor == user
    assert entry.details["new_membership"] is True


def test_accepting_ignores_the_case_of_the_email(organisation):
    InvitationFactory(organisation=organisation, email="nia@example.org", token="known-token")
    user = UserFactory(email="Nia@Example.org")

    membership = services.invitation_accept(token="known-token", user=user)

    assert membership.user == user


@pytest.mark.parametrize(
    ("invitation_kwargs", "token", "message"),
    [
        (
            {"expires_at": timezone.now() - timedelta(minutes=1)},
            "known-token",
            INVITATION_EXPIRED,
        ),
        ({"revoked_at": timezone.now()}, "known-token", INVITATION_WITHDRAWN),
        ({"accepted_at": timezone.now()}, "known-token", INVITATION_USED),
        ({}, "some-other-token", INVITATION_NOT_FOUND),
    ],
    ids=["expired", "withdrawn", "already used", "unknown token"],
)
def test_accepting_an_unusable_invitation_is_refused(
    organisation, invitation_kwargs, token, message
):
    invitation = InvitationFactory(
        organisation=organisation, email="nia@example.org", token="known-token", **invitation_kwargs
    )
    user = UserFactory(email="nia@example.org")

    with pytest.raises(DomainError) as refused:
        services.invitation_accept(token=token, user=user)

    assert str(refused.value.message) == str(message)
    assert not Membership.objects.filter(user=user).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by is None
    assert not AuditEntry.objects.filter(action="invitation.accepted").exists()


def test_accepting_with_an_account_for_another_email_is_refused(organisation):
    invitation = InvitationFactory(
        organisation=organisation, email="nia@example.org", token="known-token"
    )
    someone_else = UserFactory(email="someone.else@example.org")

    with pytest.raises(DomainError) as refused:
        services.invitation_accept(token="known-token", user=someone_else)

    assert "someone.else@example.org" in str(refused.value.message)
    assert not Membership.objects.filter(user=someone_else).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_accepting_when_already_a_member_keeps_the_existing_role(organisation, lead):
    InvitationFactory(
        organisation=organisation, email=lead.email, role=Role.BOARD, token="known-token"
    )

    membership = services.invitation_accept(token="known-token", user=lead)

    assert membership.role == Role.LEAD
    assert Membership.objects.filter(organisation=organisation, user=lead).count() == 1
    assert _membership(organisation, lead).role == Role.LEAD


def test_an_invitation_cannot_be_accepted_twice(organisation):
    InvitationFactory(organisation=organisation, email="nia@example.org", token="known-token")
    user = UserFactory(email="nia@example.org")
    services.invitation_accept(token="known-token", user=user)

    with pytest.raises(DomainError) as refused:
        services.invitation_accept(token="known-token", user=user)

    assert str(refused.value.message) == str(INVITATION_USED)


# --- invitation_revoke -----------------------------------------------------------------


def test_withdrawing_sets_revoked_at_and_withdrawing_again_is_refused(organisation, lead):
    invitation = InvitationFactory(organisation=organisation, token="known-token")

    services.invitation_revoke(invitation=invitation, actor=lead)

    invitation.refresh_from_db()
    first_revoked_at = invitation.revoked_at
    assert first_revoked_at is not None
    assert AuditEntry.objects.filter(action="invitation.revoked").count() == 1

    with pytest.raises(DomainError):
        services.invitation_revoke(invitation=invitation, actor=lead)

    invitation.refresh_from_db()
    assert invitation.revoked_at == first_revoked_at
    assert AuditEntry.objects.filter(action="invitation.revoked").count() == 1
    with pytest.raises(DomainError):
        services.invitation_accept(token="known-token", user=UserFactory(email=invitation.email))


def test_an_accepted_invitation_cannot_be_withdrawn(organisation, lead):
    invitation = InvitationFactory(organisation=organisation, accepted_at=timezone.now())

    with pytest.raises(DomainError):
        services.invitation_revoke(invitation=invitation, actor=lead)

    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_areas_an_organisation_works_in_are_saved_audited_and_read_in_welsh():
    from django.utils import translation

    from organisations.models import Area, AreaKind
    from trauma_wales.audit_text import Names, describe

    assert Area.objects.filter(kind=AreaKind.LOCAL_AUTHORITY).count() == 22
    assert Area.objects.filter(kind=AreaKind.HEALTH_BOARD).count() == 7
    assert Area.objects.filter(kind=AreaKind.PARTNERSHIP).count() == 7
    swansea = Area.objects.get(code="swansea")
    assert (swansea.health_board.code, swansea.partnership.code) == (
        "swansea-bay",
        "rpb-west-glamorgan",
    )
    lead = UserFactory()
    organisation = services.organisation_register(
        user=lead, name="Tŷ Agored", sector=Sector.THIRD_SECTOR, size_band=SizeBand.SMALL,
        areas=[swansea],
    )  # fmt: skip
    assert list(organisation.areas.values_list("code", flat=True)) == ["swansea"]

    both = Area.objects.filter(code__in=["cardiff", "swansea"])
    services.organisation_update(
        organisation=organisation, actor=lead, name=organisation.name, sector=organisation.sector,
        size_band=organisation.size_band, areas=both, expected_version=organisation.version,
    )  # fmt: skip
    entry = AuditEntry.objects.filter(action="organisation.updated").get()
    assert entry.details["changed"] == {"areas": [["swansea"], ["cardiff", "swansea"]]}
    with translation.override("cy"):
        text = " ".join(map(str, describe(entry.action, entry.details, Names()).details))
    assert "Abertawe" in text and "Caerdydd" in text

    services.organisation_update(
        organisation=organisation, actor=lead, name="Tŷ Agored Cymru", sector=organisation.sector,
        size_band=organisation.size_band, expected_version=organisation.version + 1,
    )  # fmt: skip
    assert organisation.areas.count() == 2  # areas not given: left as they were
