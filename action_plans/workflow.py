"""The action plan's review workflow: every allowed transition, and who may make it.

Draft -> Submitted for review -> Approved, or -> Changes requested -> Submitted again.
An approved plan can be reopened as a new revision (back to Draft), which goes through
review again. `plan_transition` refuses anything not in `TRANSITIONS` with a
`DomainError`, and writes an immutable `PlanStatusChange`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from action_plans.models import ActionPlan, PlanStatus, PlanStatusChange
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability, role_can


@dataclass(frozen=True)
class Transition:
    name: str
    capability: Capability
    comment_required: bool = False


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (PlanStatus.DRAFT, PlanStatus.IN_REVIEW): Transition("submit", Capability.EDIT_PLAN),
    (PlanStatus.CHANGES_REQUESTED, PlanStatus.IN_REVIEW): Transition(
        "resubmit", Capability.EDIT_PLAN
    ),
    (PlanStatus.IN_REVIEW, PlanStatus.APPROVED): Transition("approve", Capability.REVIEW_PLAN),
    (PlanStatus.IN_REVIEW, PlanStatus.CHANGES_REQUESTED): Transition(
        "request_changes", Capability.REVIEW_PLAN, comment_required=True
    ),
    (PlanStatus.APPROVED, PlanStatus.DRAFT): Transition("start_revision", Capability.EDIT_PLAN),
}

NOT_ALLOWED_NOW = _("The plan cannot move from “%(from)s” to “%(to)s”.")
NOT_YOUR_ROLE = _("Your role does not allow you to do this.")
COMMENT_NEEDED = _("Say what needs to change, so the lead knows what to do")


def transition_for(*, plan: ActionPlan, to_status: str, role: str, comment: str) -> Transition:
    transition = TRANSITIONS.get((plan.status, to_status))
    if transition is None:
        raise DomainError(
            NOT_ALLOWED_NOW
            % {"from": PlanStatus(plan.status).label, "to": PlanStatus(to_status).label}
        )
    if not role_can(role, transition.capability):
        raise DomainError(NOT_YOUR_ROLE)
    if transition.comment_required and not comment.strip():
        raise DomainError(COMMENT_NEEDED, field="comment")
    return transition


def plan_transition(
    *, plan: ActionPlan, to_status: str, actor, role: str, comment: str = ""
) -> PlanStatusChange:
    """Move the plan (locked by the caller, in a transaction) and record it."""
    transition = transition_for(plan=plan, to_status=to_status, role=role, comment=comment)
    if transition.name == "start_revision":
        plan.revision += 1
    change = PlanStatusChange.objects.create(
        plan=plan,
        from_status=plan.status,
        to_status=to_status,
        revision=plan.revision,
        actor=actor,
        comment=comment.strip(),
    )
    plan.status = to_status
    plan.save(update_fields=["status", "revision", "updated_at"])
    return change
