"""Emails about action plans. Queued in the change's transaction and sent after it
commits (trauma_wales.emails), so nobody is told about a change that was then rolled back."""

from action_plans.policies import PlanStep, roles_to_notify
from organisations.selectors import recipients_with_roles
from trauma_wales.emails import email_send

TEMPLATES = {
    PlanStep.SUBMIT: "plan_submitted",
    PlanStep.RESUBMIT: "plan_submitted",
    PlanStep.APPROVE: "plan_approved",
    PlanStep.REQUEST_CHANGES: "plan_changes_requested",
}


def notify_plan_status(*, plan, step: PlanStep, change, plan_url: str) -> None:
    """Whoever can take the next step hears of this one: reviewers of a submitted plan,
    those who edit it of a decision (action_plans.policies.roles_to_notify)."""
    template, roles = TEMPLATES.get(step), roles_to_notify(step)
    if template is None or not roles:
        return
    context = {"plan": plan, "change": change, "plan_url": plan_url,
               "organisation": plan.cycle.organisation}  # fmt: skip
    email_send(
        f"action_plans/emails/{template}",
        context,
        recipients_with_roles(organisation_id=plan.cycle.organisation_id, roles=roles),
        about=plan,
        organisation=plan.cycle.organisation,
    )
