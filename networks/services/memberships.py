"""An organisation's place in a network: a coordinator invites it, a lead joins (choosing
what to share) or declines, changes what is shared, or leaves. Each step is checked
against networks.policies on the locked row and recorded in the organisation's history."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import MembershipStatus, Network, NetworkMembership
from networks.policies import (
    CoordinatorStep,
    MembershipStep,
    coordinator_step_check,
    membership_step_check,
)
from networks.selectors.networks import is_coordinator
from organisations.models import Membership, Organisation
from organisations.selectors import role_of
from trauma_wales.audit import audit_record
from trauma_wales.emails import email_send, recipient_for
from trauma_wales.kept import PEER_FIGURES, shared_data_version_bump
from trauma_wales.permissions import Role
from trauma_wales.versions import VERSION_FIELDS, version_claim

SHARING_CHANGED = _(
    "What your organisation shares with this network was changed after you opened this "
    "page. Check the choices below and save again."
)


def _sharing(membership: NetworkMembership) -> dict:
    return {"figures": membership.shares_figures, "name": membership.shares_name}


def network_invite(*, network: Network, actor, email: str, base_url: str = "") -> int:
    """Invite every organisation whose lead has this email address, unless it is in the
    network or invited already; its leads are told by email. Returns how many were invited
    (the page does not say: a coordinator learns nothing about who leads what)."""
    coordinator_step_check(is_coordinator(actor, network), CoordinatorStep.INVITE)
    organisations = Organisation.objects.filter(
        memberships__role=Role.LEAD, memberships__user__email__iexact=email.strip()
    ).distinct()
    invited = 0
    with transaction.atomic():
        for organisation in organisations:
            membership, created = NetworkMembership.objects.select_for_update().get_or_create(
                network=network, organisation=organisation,
                defaults={"invited_by": actor, "invited_at": timezone.now()},
            )  # fmt: skip
            if not created:
                if membership.status in (MembershipStatus.INVITED, MembershipStatus.JOINED):
                    continue
                membership.status = MembershipStatus.INVITED
                membership.invited_by, membership.invited_at = actor, timezone.now()
                membership.answered_at = membership.left_at = None
                membership.save()
            invited += 1
            audit_record(
                action="network.invited", actor=actor, organisation=organisation,
                target=membership, details=network.audit_details(),
            )  # fmt: skip
            leads = Membership.objects.filter(organisation=organisation, role=Role.LEAD)
            email_send(
                "networks/emails/invitation",
                {
                    "network": network,
                    "organisation": organisation,
                    "url": f"{base_url.rstrip('/')}/o/{organisation.slug}/networks/",
                },
                [recipient_for(lead.user) for lead in leads.select_related("user")],
                about=membership,
                organisation=organisation,
            )
    return invited


def _locked(membership: NetworkMembership) -> NetworkMembership:
    return (
        NetworkMembership.objects.select_related("network", "organisation")
        .select_for_update(of=("self",))
        .get(pk=membership.pk)
    )


def network_join(
    *, membership: NetworkMembership, actor, shares_figures: bool, shares_name: bool
) -> NetworkMembership:
    with transaction.atomic():
        membership = _locked(membership)
        role = role_of(actor, membership.organisation_id)
        membership_step_check(membership, role, MembershipStep.JOIN)
        membership.status = MembershipStatus.JOINED
        membership.shares_figures, membership.shares_name = shares_figures, shares_name
        membership.answered_at = timezone.now()
        membership.save()
        shared_data_version_bump(PEER_FIGURES)
        audit_record(
            action="network.joined", actor=actor, organisation=membership.organisation,
            target=membership,
            details={**membership.network.audit_details(), "sharing": _sharing(membership)},
        )  # fmt: skip
    return membership


def network_decline(*, membership: NetworkMembership, actor) -> NetworkMembership:
    with transaction.atomic():
        membership = _locked(membership)
        membership_step_check(
            membership, role_of(actor, membership.organisation_id), MembershipStep.DECLINE
        )
        membership.status = MembershipStatus.DECLINED
        membership.answered_at = timezone.now()
        membership.save()
        audit_record(
            action="network.declined", actor=actor, organisation=membership.organisation,
            target=membership, details=membership.network.audit_details(),
        )  # fmt: skip
    return membership


def network_sharing_update(
    *, membership: NetworkMembership, actor, shares_figures: bool, shares_name: bool,
    expected_version: int | None = None,
) -> NetworkMembership:  # fmt: skip
    """Change what the organisation shares, as the page showed it at `expected_version`."""
    with transaction.atomic():
        membership = _locked(membership)
        membership_step_check(
            membership, role_of(actor, membership.organisation_id), MembershipStep.CHANGE_SHARING
        )
        before = _sharing(membership)
        after = {"figures": shares_figures, "name": shares_name}
        if before == after:
            return membership
        version_claim(membership, expected=expected_version, actor=actor, message=SHARING_CHANGED)
        membership.shares_figures, membership.shares_name = shares_figures, shares_name
        membership.save(
            update_fields=["shares_figures", "shares_name", "updated_at", *VERSION_FIELDS]
        )
        audit_record(
            action="network.sharing_changed", actor=actor, organisation=membership.organisation,
            target=membership,
            details={
                **membership.network.audit_details(),
                "changed": {
                    key: [before[key], after[key]] for key in before if before[key] != after[key]
                },
            },
        )  # fmt: skip
    return membership


def network_leave(*, membership: NetworkMembership, actor) -> NetworkMembership:
    """Leave the network: from now on the organisation shares nothing with it, and its
    case studies are no longer shown there."""
    with transaction.atomic():
        membership = _locked(membership)
        membership_step_check(
            membership, role_of(actor, membership.organisation_id), MembershipStep.LEAVE
        )
        membership.status = MembershipStatus.LEFT
        membership.left_at = timezone.now()
        membership.save()
        shared_data_version_bump(PEER_FIGURES)
        audit_record(
            action="network.left", actor=actor, organisation=membership.organisation,
            target=membership, details=membership.network.audit_details(),
        )  # fmt: skip
    return membership
