"""Who may do what to an action plan and its actions, and when: the one place to read it.

A plan moves Draft -> Submitted for review -> Approved, or -> Changes requested ->
Submitted again; an approved plan can start a revision (back to Draft). Each step names the
capability it needs (trauma_wales.permissions) and the plan statuses it is open in.
An action's delivery status moves only along `DELIVERY_TRANSITIONS`, once the plan is
approved.

Services call `plan_step_check` / `delivery_check` and so refuse, with a `DomainError`,
anything the page would not offer; views hand `plan_steps` to templates, which show a
button only when its step is open; notifications find their recipients by capability.
"""

from enum import StrEnum
from functools import partial

from django.utils.translation import gettext_lazy as _

from action_plans.models import Action, ActionPlan, DeliveryStatus, PlanStatus
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability, role_can, roles_with
from trauma_wales.policies import NO_STEPS, Rule, Steps, open_steps, step_check

NOT_NOW = _("This cannot be done while the plan is “%(status)s”.")
NOT_EDITABLE = _(
    "The plan cannot be changed while it is with a reviewer or approved. Start a revision "
    "to change an approved plan."
)
NOT_APPROVED = _("Progress can be recorded once the plan is approved.")
COMMENT_NEEDED = _("Say what needs to change, so the lead knows what to do")
EMPTY_PLAN = _("Add at least one action before you submit the plan.")
DELIVERY_NOT_NOW = _("An action that is “%(from)s” cannot become “%(to)s”.")


class PlanStep(StrEnum):
    EDIT = "edit"  # add, change or remove actions; set gaps aside
    SUBMIT = "submit"
    RESUBMIT = "resubmit"
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    START_REVISION = "start_revision"
    COMMENT = "comment"
    RECORD_PROGRESS = "record_progress"


EDITABLE = frozenset({PlanStatus.DRAFT, PlanStatus.CHANGES_REQUESTED})
ANY_STATUS = frozenset(PlanStatus.values)
PlanRule = partial(Rule, not_now=NOT_NOW)

PLAN_RULES: dict[PlanStep, Rule] = {
    PlanStep.EDIT: PlanRule(Capability.EDIT_PLAN, EDITABLE, not_now=NOT_EDITABLE),
    PlanStep.SUBMIT: PlanRule(
        Capability.EDIT_PLAN, frozenset({PlanStatus.DRAFT}), to_status=PlanStatus.IN_REVIEW
    ),
    PlanStep.RESUBMIT: PlanRule(
        Capability.EDIT_PLAN,
        frozenset({PlanStatus.CHANGES_REQUESTED}),
        to_status=PlanStatus.IN_REVIEW,
    ),
    PlanStep.APPROVE: PlanRule(
        Capability.REVIEW_PLAN, frozenset({PlanStatus.IN_REVIEW}), to_status=PlanStatus.APPROVED
    ),
    PlanStep.REQUEST_CHANGES: PlanRule(
        Capability.REVIEW_PLAN,
        frozenset({PlanStatus.IN_REVIEW}),
        to_status=PlanStatus.CHANGES_REQUESTED,
        comment_required=True,
    ),
    PlanStep.START_REVISION: PlanRule(
        Capability.EDIT_PLAN, frozenset({PlanStatus.APPROVED}), to_status=PlanStatus.DRAFT
    ),
    PlanStep.COMMENT: PlanRule(Capability.COMMENT_ON_PLAN, ANY_STATUS),
    PlanStep.RECORD_PROGRESS: PlanRule(
        Capability.UPDATE_PROGRESS, frozenset({PlanStatus.APPROVED}), not_now=NOT_APPROVED
    ),
}

# Recording progress may also keep the status (a note only). Completed and cancelled
# actions can be picked up again, as plans change.
DELIVERY_TRANSITIONS: dict[str, frozenset[str]] = {
    DeliveryStatus.NOT_STARTED: frozenset(DeliveryStatus.values) - {DeliveryStatus.NOT_STARTED},
    DeliveryStatus.IN_PROGRESS: frozenset(
        {DeliveryStatus.ON_HOLD, DeliveryStatus.COMPLETED, DeliveryStatus.CANCELLED}
    ),
    DeliveryStatus.ON_HOLD: frozenset(
        {DeliveryStatus.IN_PROGRESS, DeliveryStatus.COMPLETED, DeliveryStatus.CANCELLED}
    ),
    DeliveryStatus.COMPLETED: frozenset({DeliveryStatus.IN_PROGRESS}),
    DeliveryStatus.CANCELLED: frozenset({DeliveryStatus.IN_PROGRESS}),
}


def plan_steps(plan: ActionPlan | None, role: str) -> Steps:
    if plan is None:
        return NO_STEPS
    return open_steps(PLAN_RULES, plan.status, role)


def role_may(role: str, step: PlanStep) -> bool:
    """Whether the role could ever take `step` (whatever the plan's status)."""
    return role_can(role, PLAN_RULES[step].capability)


def plan_step_check(plan: ActionPlan, role: str, step: PlanStep, comment: str = "") -> Rule:
    """The rule for `step`, or a `DomainError` saying why this person cannot take it now."""
    return step_check(
        PLAN_RULES, step, status=plan.status, status_label=PlanStatus(plan.status).label,
        role=role, comment=comment, comment_needed=COMMENT_NEEDED,
    )  # fmt: skip


def review_step_to(plan: ActionPlan, to_status: str) -> PlanStep | None:
    """The review step that takes `plan` from its status to `to_status`, if there is one."""
    for step, rule in PLAN_RULES.items():
        if rule.to_status == to_status and plan.status in rule.statuses:
            return step
    return None


def delivery_choices(action: Action) -> list[str]:
    """The statuses progress may be recorded as: the current one (a note) and its moves."""
    current = action.delivery_status
    return [
        status
        for status in DeliveryStatus.values
        if status == current or status in DELIVERY_TRANSITIONS[current]
    ]


def delivery_check(plan: ActionPlan, action: Action, role: str, to_status: str) -> None:
    plan_step_check(plan, role, PlanStep.RECORD_PROGRESS)
    if to_status not in delivery_choices(action):
        raise DomainError(
            DELIVERY_NOT_NOW
            % {
                "from": DeliveryStatus(action.delivery_status).label,
                "to": DeliveryStatus(to_status).label,
            },
            field="status",
        )


def roles_to_notify(step: PlanStep) -> frozenset[str]:
    """Who hears about a review step: those who can take the next one."""
    if step in (PlanStep.SUBMIT, PlanStep.RESUBMIT):
        return roles_with(Capability.REVIEW_PLAN)
    if step in (PlanStep.APPROVE, PlanStep.REQUEST_CHANGES):
        return roles_with(Capability.EDIT_PLAN)
    return frozenset()


def plan_can_create(role: str) -> bool:
    """A cycle without a plan: may this person create one?"""
    return role_can(role, Capability.EDIT_PLAN)
