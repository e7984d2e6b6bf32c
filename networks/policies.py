"""Who may do what with a network, and when: the one place to read it.

Two kinds of people act on a network. Its coordinators (named by platform staff) see the
aggregates of the members that share, invite organisations and highlight case studies:
`coordinator_steps`. An organisation's leads answer an invitation, choose what the
organisation shares, leave, and publish case studies; every member of an organisation
that has joined reads the network's case studies: `membership_steps`, by the membership's
status (invited, joined, declined, left) and the person's role.

A coordinator is not thereby a member of any organisation and sees no organisation's
answers, notes, plan or people; a member sees no other organisation's figures but the
network's aggregates on their own results page (networks.benchmarks).
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from networks.models import MembershipStatus, NetworkMembership
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability
from trauma_wales.policies import NO_STEPS, Rule, Steps, open_steps, step_check

NOT_A_MEMBER = "none"  # no membership: never invited
NOT_COORDINATOR = _("Only the network's coordinators can do this.")
NOT_JOINED = _("Your organisation is not in this network now.")
NOT_INVITED = _("This invitation has already been answered.")


class MembershipStep(StrEnum):
    JOIN = "join"  # accept the invitation, choosing what to share
    DECLINE = "decline"
    CHANGE_SHARING = "change_sharing"
    LEAVE = "leave"
    PUBLISH = "publish"  # publish a case study
    READ_CASE_STUDIES = "read_case_studies"


INVITED, JOINED = MembershipStatus.INVITED.value, MembershipStatus.JOINED.value
MEMBERSHIP_RULES: dict[MembershipStep, Rule] = {
    MembershipStep.JOIN: Rule(
        Capability.MANAGE_NETWORKS, frozenset({INVITED}), JOINED, not_now=NOT_INVITED
    ),
    MembershipStep.DECLINE: Rule(
        Capability.MANAGE_NETWORKS,
        frozenset({INVITED}),
        MembershipStatus.DECLINED.value,
        not_now=NOT_INVITED,
    ),
    MembershipStep.CHANGE_SHARING: Rule(
        Capability.MANAGE_NETWORKS, frozenset({JOINED}), not_now=NOT_JOINED
    ),
    MembershipStep.LEAVE: Rule(
        Capability.MANAGE_NETWORKS,
        frozenset({JOINED}),
        MembershipStatus.LEFT.value,
        not_now=NOT_JOINED,
    ),
    MembershipStep.PUBLISH: Rule(
        Capability.MANAGE_NETWORKS, frozenset({JOINED}), not_now=NOT_JOINED
    ),
    MembershipStep.READ_CASE_STUDIES: Rule(
        Capability.VIEW_ORGANISATION, frozenset({JOINED}), not_now=NOT_JOINED
    ),
}


def membership_status(membership: NetworkMembership | None) -> str:
    return membership.status if membership is not None else NOT_A_MEMBER


def membership_steps(membership: NetworkMembership | None, role: str | None) -> Steps:
    """The steps open to a member of the organisation with `role` on its membership."""
    if role is None:
        return NO_STEPS
    return open_steps(MEMBERSHIP_RULES, membership_status(membership), role)


def membership_step_check(
    membership: NetworkMembership | None, role: str | None, step: MembershipStep
) -> Rule:
    """Refuse `step` with a `DomainError` unless this role may take it now."""
    status = membership_status(membership)
    labels = dict(MembershipStatus.choices)
    return step_check(
        MEMBERSHIP_RULES, step, status=status, status_label=str(labels.get(status, status)),
        role=role or "",
    )  # fmt: skip


class CoordinatorStep(StrEnum):
    VIEW = "view"  # the network's aggregates, on the page and as CSV
    INVITE = "invite"  # invite an organisation
    HIGHLIGHT = "highlight"  # highlight a case study, or stop highlighting it


def coordinator_steps(is_coordinator: bool) -> Steps:
    return Steps(frozenset(str(step) for step in CoordinatorStep)) if is_coordinator else NO_STEPS


def coordinator_step_check(is_coordinator: bool, step: CoordinatorStep) -> None:
    if str(step) not in coordinator_steps(is_coordinator).open:
        raise DomainError(NOT_COORDINATOR)
