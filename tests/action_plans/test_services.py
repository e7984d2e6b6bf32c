"""Action-plan services: actions, progress, comments, dismissed gaps; bad input saves nothing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from action_plans.models import (
    Action,
    ActionPlan,
    DeliveryStatus,
    DismissedGap,
    PlanStatus,
    ProgressUpdate,
    ReviewComment,
)
from action_plans.services import (
    action_delete,
    action_save,
    comment_add,
    gap_dismiss,
    plan_create,
    progress_record,
)
from assessments.models import Indicator
from framework.models import Domain, Principle
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import CycleFactory, new_framework_version
from tests.organisations.factories import MembershipFactory
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation):
    return PlanFactory(cycle__organisation=organisation)


def good_input(plan, **changes) -> dict:
    """An action's fields as the action form gives them (`Action.EDITABLE_FIELDS`)."""
    framework = plan.cycle.framework
    values = {
        "description": "Rewrite appointment letters in plain, kind words",
        "outcome": "People say letters are clear and do not frighten them",
        "target_date": date(2026, 9, 30),
        "domain": Domain.objects.get(framework=framework, code="policy"),
        "responsible_other": "Customer services",
        "indicators": [Indicator.objects.get(framework=framework, code="policy-01")],
        "principles": [Principle.objects.get(framework=framework, code="safety")],
    }
    values.update(changes)
    return values


def test_plan_create_refuses_a_second_plan_and_a_backwards_period(organisation, lead):
    cycle = CycleFactory(organisation=organisation)
    plan_create(cycle=cycle, actor=lead, title="Plan", period_start=date(2026, 4, 1),
                period_end=date(2027, 3, 31))  # fmt: skip
    with pytest.raises(DomainError, match="already has an action plan"):
        plan_create(cycle=cycle, actor=lead, title="Again", period_start=date(2026, 4, 1),
                    period_end=date(2027, 3, 31))  # fmt: skip
    other = CycleFactory(organisation=organisation, status="submitted", year=2020)
    with pytest.raises(DomainError) as refused:
        plan_create(cycle=other, actor=lead, title="Backwards", period_start=date(2026, 4, 1),
                    period_end=date(2026, 3, 1))  # fmt: skip
    assert refused.value.field == "period_end"
    assert ActionPlan.objects.count() == 1


def test_action_save_creates_with_tags_and_an_audit_entry(plan, lead):
    action = action_save(plan=plan, actor=lead, values=good_input(plan))
    assert action.indicators.get().code == "policy-01"
    assert action.principles.get().code == "safety"
    assert AuditEntry.objects.filter(action="action.created", target_id=str(action.pk)).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start_date": date(2026, 10, 1)}, "target date must be the same as or after"),
        ({"responsible_other": "  "}, "Choose a member, or name the team"),
        ({"priority": "urgent"}, "not a valid choice"),
        ({"description": ""}, "cannot be blank"),
    ],
)
def test_bad_action_input_is_refused_and_saves_nothing(plan, lead, change, message):
    with pytest.raises(DomainError, match=message) as refused:
        action_save(plan=plan, actor=lead, values=good_input(plan, **change))
    assert refused.value.field in {"target_date", "responsible_member", "priority", "description"}
    assert not Action.objects.exists()


def test_only_the_fields_a_person_edits_can_be_given(plan, lead):
    with pytest.raises(TypeError, match="delivery_status"):
        action_save(plan=plan, actor=lead, values=good_input(plan, delivery_status="completed"))
    assert not Action.objects.exists()


def test_a_responsible_member_of_another_organisation_is_refused(plan, lead, other_organisation):
    stranger = MembershipFactory(organisation=other_organisation, role=Role.LEAD)
    with pytest.raises(DomainError) as refused:
        action_save(plan=plan, actor=lead,
                    values=good_input(plan, responsible_member=stranger))  # fmt: skip
    assert refused.value.field == "responsible_member"
    assert not Action.objects.exists()


def test_tampered_ids_from_another_framework_version_are_refused(plan, lead, tmp_path):
    newer = new_framework_version(tmp_path, "tiw-2030-v9")
    foreign_domain = Domain.objects.get(framework=newer, code="policy")
    foreign_indicator = Indicator.objects.get(framework=newer, code="policy-01")
    for change in ({"domain": foreign_domain}, {"indicators": [foreign_indicator]}):
        with pytest.raises(DomainError, match="not part of this assessment"):
            action_save(plan=plan, actor=lead, values=good_input(plan, **change))
    assert not Action.objects.exists()


@pytest.mark.parametrize("status", [PlanStatus.IN_REVIEW, PlanStatus.APPROVED])
def test_actions_cannot_change_while_in_review_or_approved(plan, lead, status):
    action = ActionFactory(plan=plan, description="Before")
    plan.status = status
    plan.save()
    with pytest.raises(DomainError, match="cannot be changed"):
        action_save(plan=plan, actor=lead, values=good_input(plan, description="After"),
                    action=action)  # fmt: skip
    with pytest.raises(DomainError, match="cannot be changed"):
        action_delete(action=action, actor=lead)
    action.refresh_from_db()
    assert action.description == "Before"


@pytest.mark.parametrize("status", DeliveryStatus.values)
@pytest.mark.parametrize("days_late", [-1, 0, 1, 400])
def test_the_overdue_rule_reads_the_same_in_python_and_in_the_database(plan, status, days_late):
    today = timezone.localdate()
    action = ActionFactory(
        plan=plan, target_date=today - timedelta(days=days_late), delivery_status=status
    )
    in_database = Action.objects.filter(Action.overdue_on(today), pk=action.pk).exists()
    assert action.is_overdue == in_database
    assert in_database == (days_late > 0 and status not in {"completed", "cancelled"})


def test_overdue_is_derived_from_the_date_and_status(plan):
    yesterday = timezone.localdate() - timedelta(days=1)
    late = ActionFactory(plan=plan, target_date=yesterday)
    done = ActionFactory(plan=plan, target_date=yesterday,
                         delivery_status=DeliveryStatus.COMPLETED)  # fmt: skip
    cancelled = ActionFactory(plan=plan, target_date=yesterday,
                              delivery_status=DeliveryStatus.CANCELLED)  # fmt: skip
    future = ActionFactory(plan=plan, target_date=timezone.localdate())
    assert late.is_overdue
    assert not done.is_overdue and not cancelled.is_overdue and not future.is_overdue


def test_progress_only_on_an_approved_plan_and_cancelling_needs_a_reason(plan, reviewer):
    action = ActionFactory(plan=plan)
    today = timezone.localdate()
    with pytest.raises(DomainError, match="once the plan is approved"):
        progress_record(action=action, actor=reviewer, recorded_on=today,
                        status=DeliveryStatus.IN_PROGRESS, note="Started")  # fmt: skip
    plan.status = PlanStatus.APPROVED
    plan.save()
    with pytest.raises(DomainError) as refused:
        progress_record(action=action, actor=reviewer, recorded_on=today,
                        status=DeliveryStatus.CANCELLED, note="Stopping")  # fmt: skip
    assert refused.value.field == "cancelled_reason"
    with pytest.raises(DomainError):
        progress_record(action=action, actor=reviewer, recorded_on=today, status="finished",
                        note="?")  # fmt: skip
    assert not ProgressUpdate.objects.exists()
    progress_record(action=action, actor=reviewer, recorded_on=today,
                    status=DeliveryStatus.CANCELLED, note="Stopping",
                    cancelled_reason="Funding ended")  # fmt: skip
    action.refresh_from_db()
    assert action.delivery_status == DeliveryStatus.CANCELLED
    assert action.cancelled_reason == "Funding ended"
    assert ProgressUpdate.objects.get().status == DeliveryStatus.CANCELLED


def test_comments_need_text_and_an_action_of_the_same_plan(plan, reviewer, organisation):
    earlier = PlanFactory(
        cycle__organisation=organisation, cycle__year=2020, cycle__status="submitted"
    )
    other_action = ActionFactory(plan=earlier)
    with pytest.raises(DomainError):
        comment_add(plan=plan, actor=reviewer, body="  ")
    with pytest.raises(DomainError):
        comment_add(plan=plan, actor=reviewer, body="Looks good", action=other_action)
    assert not ReviewComment.objects.exists()
    comment = comment_add(plan=plan, actor=reviewer, body="Looks good",
                          action=ActionFactory(plan=plan))  # fmt: skip
    assert comment.revision == plan.revision


def test_a_gap_can_be_dismissed_once_with_a_reason(plan, lead, tmp_path):
    indicator = Indicator.objects.get(framework=plan.cycle.framework, code="environment-02")
    with pytest.raises(DomainError):
        gap_dismiss(plan=plan, indicator=indicator, reason=" ", actor=lead)
    gap_dismiss(plan=plan, indicator=indicator, reason="The building closes next year",
                actor=lead)  # fmt: skip
    with pytest.raises(DomainError, match="already"):
        gap_dismiss(plan=plan, indicator=indicator, reason="Again", actor=lead)
    newer = new_framework_version(tmp_path, "tiw-2030-v9")
    with pytest.raises(DomainError):
        gap_dismiss(plan=plan, indicator=Indicator.objects.get(framework=newer,
                    code="environment-02"), reason="x", actor=lead)  # fmt: skip
    assert DismissedGap.objects.count() == 1
