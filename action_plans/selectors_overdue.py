"""Overdue actions, gathered per responsible person, for the overdue digest email.

Kept apart from the plan selectors because it deliberately reads across every
organisation: the digest goes to a person, and one person may be responsible for actions
in more than one organisation. Only actions in approved plans count, since a draft plan's
dates are still being agreed. An action with no member responsible (a team or partner
without an account, or nobody named) goes to the organisation's leads, so that someone
hears of it.
"""

from dataclasses import dataclass, field
from datetime import date

from accounts.models import User
from action_plans.models import Action, PlanStatus
from organisations.models import Membership, Organisation
from trauma_wales.permissions import Role


@dataclass
class OrganisationOverdue:
    organisation: Organisation
    actions: list[Action] = field(default_factory=list)  # the person is responsible
    team_actions: list[Action] = field(default_factory=list)  # no member is: the lead hears


@dataclass
class PersonOverdue:
    user: User
    organisations: list[OrganisationOverdue] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(group.actions) + len(group.team_actions) for group in self.organisations)


def _overdue(today: date):
    """Actions past their target date and still open, in approved plans. The overdue test
    runs in the database (`Action.overdue_on`, the rule of `Action.is_overdue`) and is
    shared with the plan page."""
    return Action.objects.filter(Action.overdue_on(today), plan__status=PlanStatus.APPROVED)


def overdue_actions(*, today: date):
    """Overdue actions with a member responsible, in digest order."""
    return (
        _overdue(today)
        .filter(responsible_member__isnull=False, responsible_member__user__is_active=True)
        .select_related("plan__cycle__organisation", "responsible_member__user")
        .order_by(
            "responsible_member__user__email",
            "responsible_member__user_id",
            "plan__cycle__organisation__name",
            "plan__cycle__organisation_id",
            "target_date",
            "pk",
        )
    )


def overdue_team_actions(*, today: date):
    """Overdue actions with no member responsible, by organisation."""
    return (
        _overdue(today)
        .filter(responsible_member__isnull=True)
        .select_related("plan__cycle__organisation")
        .order_by("plan__cycle__organisation_id", "target_date", "pk")
    )


def _group(person: PersonOverdue, organisation: Organisation) -> OrganisationOverdue:
    for group in person.organisations:
        if group.organisation.pk == organisation.pk:
            return group
    group = OrganisationOverdue(organisation=organisation)
    person.organisations.append(group)
    return group


def overdue_actions_by_person(*, today: date) -> list[PersonOverdue]:
    """Each person's overdue actions, grouped by organisation, ordered by email and then
    organisation name; three queries however many actions and people."""
    people: dict[int, PersonOverdue] = {}
    for action in overdue_actions(today=today):
        user = action.responsible_member.user
        person = people.setdefault(user.pk, PersonOverdue(user=user))
        _group(person, action.plan.cycle.organisation).actions.append(action)

    team_actions: dict[int, list[Action]] = {}
    for action in overdue_team_actions(today=today):
        team_actions.setdefault(action.plan.cycle.organisation_id, []).append(action)
    if team_actions:
        leads = Membership.objects.filter(
            organisation_id__in=team_actions, role=Role.LEAD, user__is_active=True
        ).select_related("user")
        for lead in leads:
            person = people.setdefault(lead.user_id, PersonOverdue(user=lead.user))
            actions = team_actions[lead.organisation_id]
            _group(person, actions[0].plan.cycle.organisation).team_actions.extend(actions)

    ordered = sorted(people.values(), key=lambda person: (person.user.email, person.user.pk))
    for person in ordered:
        person.organisations.sort(
            key=lambda group: (group.organisation.name, group.organisation.pk)
        )
    return ordered
