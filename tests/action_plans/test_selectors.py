"""Plan page reads: overdue first, filters, counts, gaps; fixed query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from action_plans.models import DeliveryStatus, DismissedGap
from action_plans.selectors import (
    PlanFilters,
    plan_actions,
    plan_gaps,
    status_counts,
)
from assessments.models import Indicator
from framework.models import Principle
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import answer_indicator, org_response
from tests.organisations.factories import MembershipFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation):
    return PlanFactory(cycle__organisation=organisation)


def test_overdue_actions_come_first_then_by_target_date(plan):
    today = timezone.localdate()
    later = ActionFactory(plan=plan, target_date=today + timedelta(days=30))
    soon = ActionFactory(plan=plan, target_date=today + timedelta(days=1))
    overdue = ActionFactory(plan=plan, target_date=today - timedelta(days=3))
    ActionFactory(plan=plan, target_date=today - timedelta(days=9),
                  delivery_status=DeliveryStatus.COMPLETED)  # fmt: skip
    ordered = list(plan_actions(plan=plan))
    assert ordered[0] == overdue
    assert ordered.index(soon) < ordered.index(later)


def test_status_counts_and_on_track(plan):
    today = timezone.localdate()
    ActionFactory(plan=plan, target_date=today - timedelta(days=1))  # overdue
    ActionFactory(plan=plan, delivery_status=DeliveryStatus.IN_PROGRESS,
                  target_date=today + timedelta(days=5))  # fmt: skip
    ActionFactory(plan=plan, delivery_status=DeliveryStatus.COMPLETED,
                  target_date=today - timedelta(days=5))  # fmt: skip
    ActionFactory(plan=plan, delivery_status=DeliveryStatus.CANCELLED)
    counts = status_counts(plan=plan)
    assert counts.total == 4
    assert counts.overdue == 1
    assert counts.by_status["completed"] == 1 and counts.by_status["cancelled"] == 1
    assert counts.on_track == 1  # 4 - 2 closed - 1 overdue


def test_filters_by_domain_status_owner_and_principle(plan, organisation):
    owner = MembershipFactory(organisation=organisation, role=Role.REVIEWER)
    safety = Principle.objects.get(framework=plan.cycle.framework, code="safety")
    mine = ActionFactory(plan=plan, responsible_member=owner, responsible_other="")
    mine.principles.add(safety)
    theirs = ActionFactory(plan=plan, delivery_status=DeliveryStatus.ON_HOLD)
    assert list(plan_actions(plan=plan, filters=PlanFilters(owner=str(owner.pk)))) == [mine]
    assert list(plan_actions(plan=plan, filters=PlanFilters(owner="other"))) == [theirs]
    assert list(plan_actions(plan=plan, filters=PlanFilters(status="on_hold"))) == [theirs]
    assert list(plan_actions(plan=plan, filters=PlanFilters(principle="safety"))) == [mine]
    assert list(plan_actions(plan=plan, filters=PlanFilters(domain="policy"))) == []


def test_gaps_are_priorities_low_ratings_and_dont_knows_lowest_domains_first(plan):
    response = org_response(plan.cycle)
    framework = plan.cycle.framework

    def ind(code):
        return Indicator.objects.get(framework=framework, code=code)

    def rate(domain, *scores, **extra):
        for number, score in enumerate(scores, start=1):
            answer_indicator(response, ind(f"{domain}-0{number}"), score=score, **extra)

    rate("environment", 0, 4, 2, 2)  # 8 / 16 = 50%
    rate("policy", 1, 1, 1, 1)  # 4 / 16 = 25%
    rate("leadership", 3, 2, 3, 2)  # 10 / 16 = 63%
    answer_indicator(response, ind("leadership-01"), score=3, priority=True)
    answer_indicator(response, ind("workforce-01"), dont_know=True)  # too few for a score
    ActionFactory(plan=plan, source_indicator=ind("policy-02"))
    DismissedGap.objects.create(plan=plan, indicator=ind("leadership-01"), reason="Done already")

    gaps = plan_gaps(plan=plan)

    assert [gap.indicator.code for gap in gaps] == [
        "policy-01", "policy-03", "policy-04", "environment-01", "workforce-01",
    ]  # fmt: skip
    assert [gap.to_find_out for gap in gaps] == [False] * 4 + [True]
    assert gaps[-1].domain_percentage is None


@pytest.mark.parametrize("size", [5, 60])
def test_plan_reads_use_a_fixed_number_of_queries(plan, size, organisation):
    owner = MembershipFactory(organisation=organisation, role=Role.LEAD)
    for n in range(size):
        action = ActionFactory(plan=plan, responsible_member=owner if n % 2 else None)
        action.principles.add(*Principle.objects.filter(framework=plan.cycle.framework)[:2])
    with CaptureQueriesContext(connection) as queries:
        list(plan_actions(plan=plan))
        status_counts(plan=plan)
        plan_gaps(plan=plan)
    assert len(queries) == 12, [q["sql"][:80] for q in queries]  # with the sessions' ideas


def test_indicator_in_framework_refuses_junk_and_other_versions(plan, tmp_path):
    from action_plans.selectors import indicator_in_framework
    from tests.assessments.factories import new_framework_version

    own = Indicator.objects.get(framework=plan.cycle.framework, code="policy-01")
    foreign = Indicator.objects.get(framework=new_framework_version(tmp_path), code="policy-01")
    assert indicator_in_framework(cycle=plan.cycle, indicator_id=str(own.pk)) == own
    for junk in (None, "", "abc", "-1", "1.5", str(foreign.pk)):
        assert indicator_in_framework(cycle=plan.cycle, indicator_id=junk) is None
