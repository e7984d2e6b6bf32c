"""Emails about action plans. Sent after the transaction commits, so nobody is told about
a change that was then rolled back."""

from django.db import transaction

from organisations.models import Membership
from trauma_wales.emails import Recipient, email_send
from trauma_wales.permissions import Role


def _recipients(plan, role) -> list[Recipient]:
    """Everyone with `role` in the plan's organisation, each with their own language."""
    rows = (
        Membership.objects.filter(organisation_id=plan.cycle.organisation_id, role=role)
        .values_list("user__email", "user__language")
        .order_by("user__email")
    )
    return [Recipient(email=email, language=language) for email, language in rows]


def notify_plan_status(*, plan, change, plan_url: str) -> None:
    """Reviewers hear when a plan is submitted; leads hear when it is approved or returned."""
    to_status = change.to_status
    if to_status == "in_review":
        template, role = "plan_submitted", Role.REVIEWER
    elif to_status in ("approved", "changes_requested"):
        template, role = f"plan_{to_status}", Role.LEAD
    else:
        return
    context = {"plan": plan, "change": change, "plan_url": plan_url,
               "organisation": plan.cycle.organisation}  # fmt: skip
    recipients = _recipients(plan, role)
    transaction.on_commit(
        lambda: email_send(f"action_plans/emails/{template}", context, recipients)
    )
