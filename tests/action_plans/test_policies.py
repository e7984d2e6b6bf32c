"""Who may do what to a plan, and when, read from `action_plans.policies` and checked
against the services: for every plan status, every role and every step, the service does
exactly what the page offers (`plan_steps`) and refuses the rest with a `DomainError`,
changing nothing. Delivery status moves are checked the same way."""

import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from action_plans.models import (
    Action,
    DeliveryStatus,
    PlanStatus,
    PlanStatusChange,
    ProgressUpdate,
    ReviewComment,
)
from action_plans.policies import DELIVERY_TRANSITIONS, PLAN_RULES, PlanStep, plan_steps
from action_plans.services import action_save, comment_add, plan_move, progress_record
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.action_plans.test_services import good_input
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Role, role_can

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]


def take(step: PlanStep, plan, action, actor):
    """Take `step` through its service, as the page would."""
    if step == PlanStep.EDIT:
        return action_save(plan=plan, actor=actor, values=good_input(plan))
    if step == PlanStep.COMMENT:
        return comment_add(plan=plan, actor=actor, body="Looks good")
    if step == PlanStep.RECORD_PROGRESS:
        return progress_record(
            action=action, actor=actor, recorded_on=timezone.localdate(),
            status=DeliveryStatus.IN_PROGRESS, note="Started",
        )  # fmt: skip
    rule = PLAN_RULES[step]
    return plan_move(plan=plan, to_status=rule.to_status, actor=actor, comment="Please change")


def state(plan):
    plan.refresh_from_db()
    return (
        plan.status,
        Action.objects.filter(plan=plan).count(),
        ReviewComment.objects.filter(plan=plan).count(),
        ProgressUpdate.objects.count(),
        PlanStatusChange.objects.filter(plan=plan).count(),
    )


@pytest.mark.parametrize("step", list(PlanStep))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", PlanStatus.values)
def test_the_service_allows_exactly_what_the_page_offers(organisation, status, role, step):
    plan = PlanFactory(cycle__organisation=organisation, status=status)
    action = ActionFactory(plan=plan)
    actor = MembershipFactory(organisation=organisation, role=role).user
    rule = PLAN_RULES[step]
    offered = status in rule.statuses and role_can(role, rule.capability)
    assert (step in plan_steps(plan, role)) == offered

    # Submitting and resubmitting are one button ("send for review"): the service takes
    # whichever of the two the plan's status calls for.
    same_move = [
        s for s, r in PLAN_RULES.items() if rule.to_status and r.to_status == rule.to_status
    ]
    allowed = offered or any(s in plan_steps(plan, role) for s in same_move)
    before = state(plan)
    if allowed:
        take(step, plan, action, actor)
        assert state(plan) != before
    else:
        with pytest.raises(DomainError):
            take(step, plan, action, actor)
        assert state(plan) == before


@pytest.mark.parametrize("step", list(PlanStep))
def test_someone_from_another_organisation_can_take_no_step(organisation, other_organisation, step):
    rule = PLAN_RULES[step]
    plan = PlanFactory(cycle__organisation=organisation, status=sorted(rule.statuses)[0])
    action = ActionFactory(plan=plan)
    outsider = MembershipFactory(organisation=other_organisation, role=Role.LEAD).user
    before = state(plan)
    with pytest.raises(DomainError):
        take(step, plan, action, outsider)
    assert state(plan) == before


@pytest.mark.parametrize(
    ("from_status", "to_status"), list(itertools.product(DeliveryStatus.values, repeat=2))
)
def test_delivery_moves_only_along_the_policy(organisation, from_status, to_status):
    plan = PlanFactory(cycle__organisation=organisation, status=PlanStatus.APPROVED)
    action = ActionFactory(plan=plan, delivery_status=from_status)
    reviewer = MembershipFactory(organisation=organisation, role=Role.REVIEWER).user
    allowed = to_status == from_status or to_status in DELIVERY_TRANSITIONS[from_status]

    def record():
        progress_record(
            action=action, actor=reviewer, recorded_on=timezone.localdate(), status=to_status,
            note="Update", cancelled_reason="No longer needed",
        )  # fmt: skip

    if allowed:
        record()
        action.refresh_from_db()
        assert action.delivery_status == to_status
    else:
        with pytest.raises(DomainError) as refused:
            record()
        assert refused.value.field == "status"
        assert not ProgressUpdate.objects.exists()


def test_the_progress_form_offers_only_the_moves_the_policy_allows(organisation, reviewer):
    plan = PlanFactory(cycle__organisation=organisation, status=PlanStatus.APPROVED)
    action = ActionFactory(plan=plan, delivery_status=DeliveryStatus.COMPLETED)
    url = reverse("plans:action", args=[organisation.slug, plan.cycle_id, action.pk])
    html = client_for(reviewer).get(url).content.decode()
    assert 'value="completed"' in html
    assert 'value="in_progress"' in html
    assert 'value="on_hold"' not in html
    assert 'value="cancelled"' not in html
