"""Who may manage members and invitations, and when, read from `organisations.policies` and
checked against the services: every role, every member or invitation state, every step;
what the members page offers is exactly what the service accepts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from organisations import services
from organisations.models import Invitation, Membership
from organisations.policies import (
    INVITATION_RULES,
    MEMBER_RULES,
    InvitationState,
    InvitationStep,
    MemberState,
    MemberStep,
    can_invite,
    can_see_member_emails,
    invitation_steps,
    member_steps,
)
from tests.organisations.factories import InvitationFactory, MembershipFactory
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Role, role_can

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]


@pytest.mark.parametrize("step", list(MemberStep))
@pytest.mark.parametrize("state", list(MemberState))
@pytest.mark.parametrize("role", ROLES)
def test_member_steps_through_the_service(organisation, role, state, step):
    actor = MembershipFactory(organisation=organisation, role=role)
    if state == MemberState.ONLY_LEAD:
        target = actor if role == Role.LEAD else MembershipFactory(
            organisation=organisation, role=Role.LEAD
        )  # fmt: skip
    else:
        target = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)
        MembershipFactory(organisation=organisation, role=Role.LEAD)
    leads = Membership.objects.filter(organisation=organisation, role=Role.LEAD).count()
    rule = MEMBER_RULES[step]
    allowed = state in rule.statuses and role_can(role, rule.capability)
    assert (step in member_steps(target, leads, role)) == allowed

    def take():
        if step == MemberStep.REMOVE:
            services.membership_remove(membership=target, actor=actor.user)
        else:  # a change the only lead may make: to the same role
            services.membership_change_role(
                membership=target, role=target.role, actor=actor.user, expected_version=1
            )

    if allowed:
        take()
    else:
        with pytest.raises(DomainError):
            take()
        assert Membership.objects.filter(pk=target.pk, role=target.role).exists()


@pytest.mark.parametrize("state", list(InvitationState))
@pytest.mark.parametrize("role", ROLES)
def test_withdrawing_an_invitation_through_the_service(organisation, role, state):
    actor = MembershipFactory(organisation=organisation, role=role)
    now = timezone.now()
    expired = state == InvitationState.EXPIRED
    invitation = InvitationFactory(
        organisation=organisation,
        accepted_at=now if state == InvitationState.ACCEPTED else None,
        revoked_at=now if state == InvitationState.WITHDRAWN else None,
        expires_at=now + timedelta(days=-1 if expired else 5),
    )
    rule = INVITATION_RULES[InvitationStep.WITHDRAW]
    allowed = state in rule.statuses and role_can(role, rule.capability)
    assert (InvitationStep.WITHDRAW in invitation_steps(invitation, role)) == allowed
    if allowed:
        services.invitation_revoke(invitation=invitation, actor=actor.user)
        assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
    else:
        with pytest.raises(DomainError):
            services.invitation_revoke(invitation=invitation, actor=actor.user)
        assert Invitation.objects.get(pk=invitation.pk).revoked_at == invitation.revoked_at


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_manage_members_can_invite(organisation, role, mailoutbox):
    actor = MembershipFactory(organisation=organisation, role=role).user
    call = {
        "organisation": organisation, "invited_by": actor, "email": "new@example.org",
        "role": Role.CONTRIBUTOR, "base_url": "http://testserver/",
    }  # fmt: skip
    if can_invite(role):
        services.invitation_create(**call)
        assert Invitation.objects.filter(email="new@example.org").exists()
    else:
        with pytest.raises(DomainError):
            services.invitation_create(**call)
        assert not Invitation.objects.exists()


def test_the_members_page_hides_remove_for_the_only_lead(organisation, lead, contributor):
    from django.urls import reverse

    from tests.conftest import client_for

    html = client_for(lead).get(reverse("organisations:members", args=[organisation.slug]))
    html = html.content.decode()
    lead_membership = Membership.objects.get(user=lead)
    other = Membership.objects.get(user=contributor)
    assert reverse("organisations:remove_member", args=[organisation.slug, other.pk]) in html
    assert (
        reverse("organisations:remove_member", args=[organisation.slug, lead_membership.pk])
        not in html
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_manage_members_see_their_email_addresses(organisation, role):
    from django.urls import reverse

    from tests.conftest import client_for

    viewer = MembershipFactory(organisation=organisation, role=role).user
    colleague = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR).user
    page = client_for(viewer).get(reverse("organisations:members", args=[organisation.slug]))

    html = page.content.decode()
    assert page.status_code == 200 and colleague.full_name in html
    assert (colleague.email in html) is (role == Role.LEAD) is can_see_member_emails(role)
