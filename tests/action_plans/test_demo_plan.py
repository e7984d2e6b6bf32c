"""The demo's approved plan has what the issue promises: every delivery status, exactly one
overdue action, a review round and progress notes; seeding twice changes nothing."""

from datetime import date

import pytest

from action_plans.demo import seed_plan
from action_plans.models import Action, ActionPlan, DeliveryStatus, PlanStatus
from action_plans.selectors import plan_actions, status_counts
from demo.seed import demo_seed

pytestmark = pytest.mark.django_db


def test_demo_plan_is_approved_with_every_status_and_one_overdue(framework_content):
    seeded = demo_seed()
    plan = ActionPlan.objects.get(cycle=seeded["previous_cycle"])
    assert plan.status == PlanStatus.APPROVED
    statuses = set(Action.objects.filter(plan=plan).values_list("delivery_status", flat=True))
    assert statuses == set(DeliveryStatus.values)
    counts = status_counts(plan=plan)
    assert counts.overdue == 1
    first = plan_actions(plan=plan).first()
    assert first.is_overdue
    assert list(plan.history.values_list("to_status", flat=True)) == [
        "in_review", "changes_requested", "in_review", "approved",
    ]  # fmt: skip
    assert plan.versions.count() == 1
    cancelled = Action.objects.get(plan=plan, delivery_status=DeliveryStatus.CANCELLED)
    assert cancelled.cancelled_reason

    again = seed_plan(seeded["previous_cycle"], date.today())
    assert again == plan
    assert Action.objects.filter(plan=plan).count() == counts.total
