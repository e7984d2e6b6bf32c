"""Issue 15: the demo's baseline showed as submitted on the day it was seeded. Its story now
happens over the months before today, whenever it is seeded: people join, the workforce is
counted, the baseline is answered and submitted, the plan agreed and delivered."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from action_plans.models import ActionPlan
from demo.seed import demo_seed
from trauma_wales.models import AuditEntry

pytestmark = pytest.mark.django_db

STORY = [
    "organisation.registered", "workforce.group_created", "cycle.started",
    "cycle.contributor_finished", "cycle.submitted", "plan.created", "plan.changes_requested",
    "plan.approved", "plan.commented", "action.progress",
]  # fmt: skip


def days_ago(entry: AuditEntry, today: date) -> int:
    return (today - timezone.localtime(entry.created_at).date()).days


@pytest.mark.parametrize("today", [date(2026, 11, 30), date(2027, 2, 14), date(2027, 9, 1)])
def test_the_demo_tells_its_story_over_the_months_before_it_is_seeded(
    framework_content, time_machine, today
):
    time_machine.move_to(datetime.combine(today, time(15)), tick=True)
    cycle = demo_seed()["previous_cycle"]
    cycle.refresh_from_db()

    entries = list(AuditEntry.objects.order_by("created_at", "id"))
    last_of = {entry.action: entry for entry in entries}
    first_of = {entry.action: entry for entry in reversed(entries)}
    assert sorted(STORY, key=lambda action: first_of[action].created_at) == STORY
    assert days_ago(first_of["organisation.registered"], today) == 190
    assert timezone.localtime(cycle.submitted_at).date() == today - timedelta(days=150)
    assert days_ago(last_of["plan.approved"], today) == 126
    assert days_ago(last_of["action.progress"], today) == 7
    assert days_ago(last_of["workforce.training_recorded"], today) == 14
    assert all(entry.created_at <= timezone.now() for entry in entries)
    # the baseline is the financial year before the one it was started in
    started = today - timedelta(days=175)
    year = (started.year if started.month >= 4 else started.year - 1) - 1
    assert (cycle.name, cycle.period_start) == (f"{year} baseline", date(year, 4, 1))
    plan = ActionPlan.objects.get(cycle=cycle)
    assert plan.period_start < today < plan.period_end
