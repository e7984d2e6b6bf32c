"""Overdue actions, gathered per responsible person, for the overdue digest email.

Kept apart from the plan selectors because it deliberately reads across every
organisation: the digest goes to a person, and one person may be responsible for actions
in more than one organisation. Only actions in approved plans count, since a draft plan's
dates are still being agreed.
"""

from dataclasses import dataclass, field
from datetime import date

from accounts.models import User
from action_plans.models import Action, PlanStatus
from organisations.models import Organisation


@dataclass
class OrganisationOverdue:
    organisation: Organisation
    actions: list[Action] = field(default_factory=list)


@dataclass
class PersonOverdue:
    user: User
    organisations: list[OrganisationOverdue] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(group.actions) for group in self.organisations)


def overdue_actions(*, today: date):
    """Actions past their target date and still open, in approved plans, with a member
    responsible. The overdue test runs in the database (`Action.overdue_on`, the rule of
    `Action.is_overdue`) and is shared with the plan page."""
    return (
        Action.objects.filter(
            Action.overdue_on(today),
            plan__status=PlanStatus.APPROVED,
            responsible_member__isnull=False,
            responsible_member__user__is_active=True,
        )
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


def overdue_actions_by_person(*, today: date) -> list[PersonOverdue]:
    """Each responsible person's overdue actions, grouped by organisation, in one query."""
    people: list[PersonOverdue] = []
    for action in overdue_actions(today=today):
        user = action.responsible_member.user
        organisation = action.plan.cycle.organisation
        if not people or people[-1].user.pk != user.pk:
            people.append(PersonOverdue(user=user))
        groups = people[-1].organisations
        if not groups or groups[-1].organisation.pk != organisation.pk:
            groups.append(OrganisationOverdue(organisation=organisation))
        groups[-1].actions.append(action)
    return people
