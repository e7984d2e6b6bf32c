"""The demo organisation's approved action plan: actions in every delivery status, one of
them overdue, a round of review with changes requested, and dated progress notes.

Built through the same services a person's clicks go through, so the demo shows the
history, emails and audit entries a real plan would have. It happens over the months
before the demo is seeded (trauma_wales.demo_clock): written and sent for review, sent
back, approved, commented on and, last week, progress recorded. Dates are relative to today
so the overdue action stays overdue whenever the demo is seeded."""

from dataclasses import dataclass
from datetime import date, timedelta

from action_plans.models import ActionPlan, DeliveryStatus, PlanStatus, Priority
from action_plans.services import (
    action_save,
    comment_add,
    plan_create,
    plan_move,
    progress_record,
)
from assessments.models import AssessmentCycle, Indicator
from framework.models import Domain, PracticeLevel, Principle, WayOfWorking
from organisations.models import Membership
from trauma_wales.demo_clock import as_if_on, days_ago


@dataclass(frozen=True)
class DemoAction:
    description: str
    outcome: str
    domain: str
    target_in_days: int
    status: str
    owner: str = ""  # a demo person's email, or blank for `team`
    team: str = ""
    resources: str = ""
    priority: str = Priority.MEDIUM
    indicator: str = ""
    principles: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    ways: tuple[str, ...] = ()
    note: str = ""


DEMO_ACTIONS = (
    DemoAction(
        "Train every front-desk and lettings colleague to the Trauma-skilled level",
        "90% of front-desk and lettings staff trained, and tenants say first contact feels calm",
        "workforce",
        120,
        DeliveryStatus.IN_PROGRESS,
        owner="lead@example.org",
        resources="Two training days per team; ACE Hub Wales e-learning",
        priority=Priority.HIGH,
        principles=("safety", "compassion"),
        levels=("skilled",),
        ways=("prevention",),
        note="Lettings team trained in October; front desk booked for January.",
    ),
    DemoAction(
        "Rewrite arrears letters in plain, kind words with tenants who have had them",
        "Tenants on the reading panel say the letters are clear and do not frighten them",
        "policy",
        -20,
        DeliveryStatus.NOT_STARTED,
        team="Income team",
        resources="Tenant reading panel; two days of a writer's time",
        priority=Priority.HIGH,
        indicator="policy-01",
        principles=("safety", "inclusive"),
        ways=("involvement",),
    ),
    DemoAction(
        "Make the reception area quieter, with a private room for difficult conversations",
        "A private room is booked at least weekly and visitors rate the space as welcoming",
        "environment",
        -60,
        DeliveryStatus.COMPLETED,
        owner="reviewer@example.org",
        resources="£4,000 from the facilities budget",
        principles=("safety",),
        note="Room opened in September. Visitor survey: 8 out of 10 feel welcome.",
    ),
    DemoAction(
        "Offer reflective supervision to staff who support people in crisis",
        "Staff wellbeing survey shows more people feel supported after hard conversations",
        "workforce",
        200,
        DeliveryStatus.ON_HOLD,
        team="People and culture",
        resources="An external supervisor, two hours a month per team",
        priority=Priority.MEDIUM,
        principles=("compassion", "collaboration"),
        levels=("enhanced",),
        ways=("long_term",),
        note="Paused until the new budget year; the supplier has been chosen.",
    ),
    DemoAction(
        "Run a tenants' panel that reviews new policies before the board sees them",
        "Every new policy has tenants' comments attached when it reaches the board",
        "leadership",
        90,
        DeliveryStatus.CANCELLED,
        owner="lead@example.org",
        priority=Priority.LOW,
        principles=("strengths", "collaboration"),
        ways=("involvement",),
        note="Replaced by the council's joint panel.",
    ),
    DemoAction(
        "Ask tenants how they want to be contacted and record it on their file",
        "Contact preferences are recorded for 80% of tenants by the target date",
        "involvement",
        45,
        DeliveryStatus.NOT_STARTED,
        team="Customer services",
        priority=Priority.MEDIUM,
        principles=("strengths", "inclusive"),
    ),
)
CANCELLED_REASON = "The council's joint tenants' panel now does this for every landlord."


def _values(cycle: AssessmentCycle, item: DemoAction, members: dict, today: date) -> dict:
    """The action's fields as the action form would give them."""
    codes = {"framework": cycle.framework}
    target = today + timedelta(days=item.target_in_days)
    return {
        "description": item.description,
        "outcome": item.outcome,
        "target_date": target,
        "start_date": min(target, today - timedelta(days=90)),
        "domain": Domain.objects.get(code=item.domain, **codes),
        "responsible_member": members[item.owner] if item.owner else None,
        "responsible_other": item.team,
        "resources": item.resources,
        "priority": item.priority,
        "indicators": Indicator.objects.filter(code=item.indicator, **codes),
        "principles": Principle.objects.filter(code__in=item.principles, **codes),
        "practice_levels": PracticeLevel.objects.filter(code__in=item.levels, **codes),
        "ways_of_working": WayOfWorking.objects.filter(code__in=item.ways, **codes),
    }


# The plan's story, in days before the demo is seeded.
WRITTEN_DAYS_AGO, CHANGES_ASKED_DAYS_AGO, SENT_AGAIN_DAYS_AGO, APPROVED_DAYS_AGO = (
    135,
    131,
    129,
    126,
)
COMMENTED_DAYS_AGO, PROGRESS_DAYS_AGO = 100, 7


def seed_plan(cycle: AssessmentCycle, today: date) -> ActionPlan:
    """An approved plan for `cycle` (left alone if the cycle already has one)."""
    existing = ActionPlan.objects.filter(cycle=cycle).first()
    if existing is not None:
        return existing
    members = {
        m.user.email: m
        for m in Membership.objects.filter(organisation=cycle.organisation).select_related("user")
    }
    lead, reviewer = members["lead@example.org"], members["reviewer@example.org"]
    with as_if_on(days_ago(today, WRITTEN_DAYS_AGO)):
        plan = plan_create(
            cycle=cycle,
            actor=lead.user,
            title="Becoming trauma-informed: the year ahead",
            period_start=today - timedelta(days=120),
            period_end=today + timedelta(days=245),
        )
        saved = [
            (
                action_save(
                    plan=plan, actor=lead.user, values=_values(cycle, item, members, today)
                ),
                item,
            )
            for item in DEMO_ACTIONS
        ]
        plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead.user)
    steps = (
        (CHANGES_ASKED_DAYS_AGO, PlanStatus.CHANGES_REQUESTED, reviewer,
         "Please say who leads the training action."),
        (SENT_AGAIN_DAYS_AGO, PlanStatus.IN_REVIEW, lead, ""),
        (APPROVED_DAYS_AGO, PlanStatus.APPROVED, reviewer, "Thank you. A clear, realistic plan."),
    )  # fmt: skip
    for days, to_status, who, comment in steps:
        with as_if_on(days_ago(today, days)):
            plan_move(plan=plan, to_status=to_status, actor=who.user, comment=comment)
    with as_if_on(days_ago(today, COMMENTED_DAYS_AGO)):
        comment_add(
            plan=plan,
            actor=reviewer.user,
            body="Could the letters be tested with tenants who have been in arrears?",
            action=saved[1][0],
        )
    with as_if_on(days_ago(today, PROGRESS_DAYS_AGO)):
        for action, item in saved:
            cancelled = item.status == DeliveryStatus.CANCELLED
            if item.status != DeliveryStatus.NOT_STARTED:
                progress_record(
                    action=action,
                    actor=reviewer.user,
                    recorded_on=days_ago(today, PROGRESS_DAYS_AGO),
                    status=item.status,
                    note=item.note,
                    cancelled_reason=CANCELLED_REASON if cancelled else "",
                )
    return plan
