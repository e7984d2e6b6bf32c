"""The action plan's part in what a person sees next: a section of the organisation's
overview and the next step it offers (build the plan once an assessment is submitted,
carry on with it, answer a reviewer's requested changes, review it, record progress once
approved), and the same step under an assessment's results."""

from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from action_plans import policies
from action_plans.models import ActionPlan, PlanStatus
from action_plans.policies import PlanStep
from assessments.models import AssessmentCycle
from organisations.hooks import TO_READ, WAITING_ON_YOU, YOUR_WORK, NextStep
from trauma_wales.permissions import Capability, role_can

# The plan's steps worth offering as a next step, the first open to this person first:
# (step, urgency, button, hint).
OFFERS = [
    (PlanStep.APPROVE, WAITING_ON_YOU, gettext_lazy("Review the action plan"),
     gettext_lazy("“%(title)s” is waiting for your review.")),
    (PlanStep.RESUBMIT, WAITING_ON_YOU, gettext_lazy("See the changes asked for"),
     gettext_lazy("A reviewer has asked for changes to “%(title)s”.")),
    (PlanStep.SUBMIT, YOUR_WORK, gettext_lazy("Carry on with the action plan"),
     gettext_lazy("When it is ready, send it for review.")),
    (PlanStep.RECORD_PROGRESS, YOUR_WORK, gettext_lazy("Record progress on the action plan"),
     gettext_lazy("“%(title)s” is approved. Note what has happened as actions move on.")),
]  # fmt: skip


def plan_section(*, organisation, membership) -> dict | None:
    if not role_can(membership.role, Capability.VIEW_PLAN):
        return None
    cycle = (
        AssessmentCycle.objects.filter(organisation=organisation)
        .filter(Q(submitted_at__isnull=False) | Q(action_plan__isnull=False))
        .select_related("action_plan")
        .order_by("-period_start", "-created_at")
        .first()
    )
    if cycle is None:
        return None
    plan = getattr(cycle, "action_plan", None)
    return {
        "cycle": cycle,
        "plan": plan,
        "plan_url": reverse("plans:plan", args=[organisation.slug, cycle.pk]),
        "next_step": _next_step(organisation, membership.role, cycle, plan),
    }


def results_next_step(*, cycle, membership) -> NextStep | None:
    """Under an assessment's results: the plan's next step, or at least a way to it."""
    if not role_can(membership.role, Capability.VIEW_PLAN):
        return None
    plan = ActionPlan.objects.filter(cycle=cycle).first()
    step = _next_step(cycle.organisation, membership.role, cycle, plan)
    if step is None and plan is not None:
        plan_url = reverse("plans:plan", args=[cycle.organisation.slug, cycle.pk])
        return NextStep(TO_READ, _("See the action plan"), plan_url)
    return step


def plans_waiting_on_you(*, user, memberships) -> dict[int, list[str]]:
    """For the list of someone's organisations: the plans waiting on them (to review, or
    changes asked for), by the same policy as the overview's next step (one query)."""
    roles = {m.organisation_id: m.role for m in memberships}
    plans = ActionPlan.objects.filter(
        cycle__organisation_id__in=roles,
        status__in=[PlanStatus.IN_REVIEW, PlanStatus.CHANGES_REQUESTED],
    ).select_related("cycle")
    waiting: dict[int, list[str]] = defaultdict(list)
    for plan in plans:
        step = _offered(plan, roles[plan.cycle.organisation_id], url="")
        if step is not None and step.urgency == WAITING_ON_YOU:
            waiting[plan.cycle.organisation_id].append(step.hint)
    return dict(waiting)


def _offered(plan, role, url: str) -> NextStep | None:
    """The first of OFFERS this person may take on the plan now."""
    steps = policies.plan_steps(plan, role)
    for step, urgency, label, hint in OFFERS:
        if step in steps:
            return NextStep(urgency, str(label), url, str(hint) % {"title": plan.title})
    return None


def _next_step(organisation, role, cycle, plan) -> NextStep | None:
    plan_url = reverse("plans:plan", args=[organisation.slug, cycle.pk])
    if plan is None:
        if not (cycle.is_submitted and policies.plan_can_create(role)):
            return None
        return NextStep(
            YOUR_WORK,
            _("Build your action plan"),
            reverse("plans:create", args=[organisation.slug, cycle.pk]),
            _(
                "Turn what “%(name)s” found into actions: what will change, who leads it "
                "and by when."
            )
            % {"name": cycle.name},
        )
    return _offered(plan, role, plan_url)
