"""Who may do what to an organisation's members and invitations, and when.

Leads manage members (trauma_wales.permissions: MANAGE_MEMBERS) and may ask for the
organisation to be deleted, which happens after a grace period unless a lead keeps it
(DELETE_ORGANISATION; states: active, deletion due). A member's state is
whether they are the organisation's only lead, who cannot be removed (an organisation
always keeps a lead); an invitation's state is open, expired, accepted or withdrawn, and
only one not yet used can be withdrawn. Services check these steps against the actor's
role; the members page shows each row's links from the same rules.
"""

from datetime import date, timedelta
from enum import StrEnum

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Invitation, Membership, Organisation
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability, Role, role_can
from trauma_wales.policies import Rule, Steps, open_steps, step_check

LAST_LEAD = _(
    "An organisation needs at least one lead. Make someone else a lead first, then try again."
)
ONLY_LEAD_OF = _(
    "You are the only lead of %(organisations)s. Make another member a lead on the "
    "organisation's Members page first, then come back to close your account."
)
DELETION_ALREADY_DUE = _("A lead has already asked for this organisation to be deleted.")
NO_DELETION_DUE = _("This organisation is not due to be deleted.")
INVITATION_USED_OR_WITHDRAWN = _("This invitation has already been used or withdrawn.")


class MemberStep(StrEnum):
    CHANGE_ROLE = "change_role"
    REMOVE = "remove"


class OrganisationStep(StrEnum):
    REQUEST_DELETION = "request_deletion"
    KEEP = "keep"


class InvitationStep(StrEnum):
    WITHDRAW = "withdraw"


class MemberState(StrEnum):
    ONLY_LEAD = "only_lead"
    MEMBER = "member"


class OrganisationState(StrEnum):
    ACTIVE = "active"
    DELETION_DUE = "deletion_due"


class InvitationState(StrEnum):
    OPEN = "open"
    EXPIRED = "expired"
    ACCEPTED = "accepted"
    WITHDRAWN = "withdrawn"


MEMBER_RULES: dict[MemberStep, Rule] = {
    MemberStep.CHANGE_ROLE: Rule(Capability.MANAGE_MEMBERS, frozenset(MemberState)),
    MemberStep.REMOVE: Rule(
        Capability.MANAGE_MEMBERS, frozenset({MemberState.MEMBER}), not_now=LAST_LEAD
    ),
}
ORGANISATION_RULES: dict[OrganisationStep, Rule] = {
    OrganisationStep.REQUEST_DELETION: Rule(
        Capability.DELETE_ORGANISATION,
        frozenset({OrganisationState.ACTIVE}),
        not_now=DELETION_ALREADY_DUE,
    ),
    OrganisationStep.KEEP: Rule(
        Capability.DELETE_ORGANISATION,
        frozenset({OrganisationState.DELETION_DUE}),
        not_now=NO_DELETION_DUE,
    ),
}
INVITATION_RULES: dict[InvitationStep, Rule] = {
    InvitationStep.WITHDRAW: Rule(
        Capability.MANAGE_MEMBERS,
        frozenset({InvitationState.OPEN, InvitationState.EXPIRED}),
        not_now=INVITATION_USED_OR_WITHDRAWN,
    ),
}


def can_invite(role: str) -> bool:
    return role_can(role, Capability.MANAGE_MEMBERS)


def can_see_member_emails(role: str) -> bool:
    """Only those who manage the members see their email addresses: a contributor may be
    someone with lived experience from outside the staff, and every member's address
    is not theirs to see."""
    return role_can(role, Capability.MANAGE_MEMBERS)


def member_state(membership: Membership, lead_count: int) -> MemberState:
    if membership.role == Role.LEAD and lead_count <= 1:
        return MemberState.ONLY_LEAD
    return MemberState.MEMBER


def member_steps(membership: Membership, lead_count: int, role: str) -> Steps:
    return open_steps(MEMBER_RULES, member_state(membership, lead_count), role)


def member_step_check(membership: Membership, lead_count: int, role: str, step: MemberStep) -> Rule:
    state = member_state(membership, lead_count)
    return step_check(MEMBER_RULES, step, status=state, status_label=state, role=role)


def organisation_state(organisation: Organisation) -> OrganisationState:
    if organisation.deletion_due_on is not None:
        return OrganisationState.DELETION_DUE
    return OrganisationState.ACTIVE


def deletion_day() -> date:
    """The day an organisation whose deletion is asked for today is deleted, unless a lead
    keeps it first (ORGANISATION_DELETION_GRACE_DAYS from today)."""
    return timezone.localdate() + timedelta(days=settings.ORGANISATION_DELETION_GRACE_DAYS)


def organisation_steps(organisation: Organisation, role: str) -> Steps:
    return open_steps(ORGANISATION_RULES, organisation_state(organisation), role)


def organisation_step_check(organisation: Organisation, role: str, step: OrganisationStep) -> Rule:
    state = organisation_state(organisation)
    return step_check(ORGANISATION_RULES, step, status=state, status_label=state, role=role)


def invitation_state(invitation: Invitation) -> InvitationState:
    if invitation.accepted_at is not None:
        return InvitationState.ACCEPTED
    if invitation.revoked_at is not None:
        return InvitationState.WITHDRAWN
    if invitation.is_expired:
        return InvitationState.EXPIRED
    return InvitationState.OPEN


def invitation_steps(invitation: Invitation, role: str) -> Steps:
    return open_steps(INVITATION_RULES, invitation_state(invitation), role)


def invitation_step_check(invitation: Invitation, role: str, step: InvitationStep) -> Rule:
    state = invitation_state(invitation)
    return step_check(INVITATION_RULES, step, status=state, status_label=state, role=role)


def account_close_check(only_led: list[Organisation]) -> None:
    """Anyone may close their own account, unless an organisation would be left without
    a lead (`only_led`: where they are the only one). Refused with the names."""
    if only_led:
        names = ", ".join(organisation.name for organisation in only_led)
        raise DomainError(str(ONLY_LEAD_OF) % {"organisations": names})
