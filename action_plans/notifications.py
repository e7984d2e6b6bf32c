"""Emails about action plans. Sent after the transaction commits, so nobody is told about
a change that was then rolled back."""

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from organisations.models import Membership
from trauma_wales.permissions import Role


def _emails(plan, role) -> list[str]:
    return list(
        Membership.objects.filter(organisation_id=plan.cycle.organisation_id, role=role)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def email_send(template: str, context: dict, recipients: list[str]) -> None:
    """Send `action_plans/emails/<template>.txt`, with its subject template on one line."""
    if not recipients:
        return
    subject = render_to_string(f"action_plans/emails/{template}_subject.txt", context)
    body = render_to_string(f"action_plans/emails/{template}.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=None,
        recipient_list=recipients,
    )


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
    recipients = _emails(plan, role)
    transaction.on_commit(lambda: email_send(template, context, recipients))
