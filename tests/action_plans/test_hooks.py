"""Every service that changes what a plan says announces it to the apps above (the
reports, which render the board report again); comments, gaps set aside and refused
changes announce nothing."""

from datetime import date

import pytest
from django.utils import timezone

from action_plans import hooks
from action_plans.models import DeliveryStatus, PlanStatus
from action_plans.services import (
    action_delete,
    action_save,
    comment_add,
    gap_dismiss,
    plan_create,
    plan_move,
    progress_record,
)
from assessments.models import Indicator
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.action_plans.test_services import good_input
from tests.assessments.factories import CycleFactory
from trauma_wales.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced(monkeypatch):
    """The plans announced while the test runs (the apps' own receivers set aside)."""
    plans = []
    monkeypatch.setattr(hooks.plan_changed_hook, "_receivers", [])
    hooks.on_plan_changed(lambda *, plan: plans.append(plan.pk))
    return plans


@pytest.fixture
def plan(organisation):
    return PlanFactory(cycle__organisation=organisation)


def test_creating_a_plan_announces_it(organisation, lead, announced):
    cycle = CycleFactory(organisation=organisation)
    plan = plan_create(cycle=cycle, actor=lead, title="Plan", period_start=date(2026, 4, 1),
                       period_end=date(2027, 3, 31))  # fmt: skip
    assert announced == [plan.pk]


def test_adding_changing_and_removing_an_action_announce_it(plan, lead, announced):
    action = action_save(plan=plan, actor=lead, values=good_input(plan))
    action = action_save(plan=plan, actor=lead, values=good_input(plan, outcome="Clearer"),
                         action=action, expected_version=action.version)  # fmt: skip
    action_delete(action=action, actor=lead, expected_version=action.version)
    assert announced == [plan.pk] * 3


def test_each_review_step_and_progress_announce_it(plan, lead, reviewer, announced):
    action = ActionFactory(plan=plan)
    plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead)
    plan_move(plan=plan, to_status=PlanStatus.APPROVED, actor=reviewer)
    progress_record(action=action, actor=reviewer, recorded_on=timezone.localdate(),
                    status=DeliveryStatus.IN_PROGRESS, note="Started")  # fmt: skip
    assert announced == [plan.pk] * 3


def test_comments_gaps_and_refused_changes_announce_nothing(plan, lead, reviewer, announced):
    comment_add(plan=plan, actor=reviewer, body="Who pays?")
    indicator = Indicator.objects.get(framework=plan.cycle.framework, code="policy-01")
    gap_dismiss(plan=plan, indicator=indicator, reason="Done already", actor=lead)
    with pytest.raises(DomainError):
        plan_move(plan=plan, to_status=PlanStatus.APPROVED, actor=reviewer)  # not in review
    with pytest.raises(DomainError):
        action_save(plan=plan, actor=reviewer, values=good_input(plan))  # not their role
    assert announced == []


def test_a_receiver_is_registered_once(monkeypatch):
    monkeypatch.setattr(hooks.plan_changed_hook, "_receivers", [])

    def receiver(*, plan):
        return plan

    hooks.on_plan_changed(receiver)
    hooks.on_plan_changed(receiver)
    assert hooks.plan_changed_hook._receivers == [receiver]
