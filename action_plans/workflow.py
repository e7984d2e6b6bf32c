"""Recording a review step on an action plan: the status change and its immutable row.

Whether the step is allowed is `action_plans.policies`; `plan_transition` is the only code
that changes a plan's status, and only after the caller has checked the policy.
"""

from action_plans.models import ActionPlan, PlanStatusChange
from action_plans.policies import PlanStep, Rule
from trauma_wales.versions import VERSION_FIELDS


def plan_transition(
    *, plan: ActionPlan, step: PlanStep, rule: Rule, actor, comment: str = ""
) -> PlanStatusChange:
    """Move the plan (locked by the caller, in a transaction, its version counted) and
    record it."""
    if step == PlanStep.START_REVISION:
        plan.revision += 1
    change = PlanStatusChange.objects.create(
        plan=plan,
        from_status=plan.status,
        to_status=rule.to_status,
        revision=plan.revision,
        actor=actor,
        comment=comment.strip(),
    )
    plan.status = rule.to_status
    plan.save(update_fields=["status", "revision", "updated_at", *VERSION_FIELDS])
    return change
