"""The review workflow: every allowed transition, every refused one, and the history."""

import itertools

import pytest
from django.core import mail

from action_plans.models import ApprovedVersion, PlanStatus, PlanStatusChange, ReviewComment
from action_plans.policies import PLAN_RULES
from action_plans.services import plan_move
from organisations.models import Membership
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.organisations.factories import MembershipFactory
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

ALLOWED = {
    (PlanStatus.DRAFT, PlanStatus.IN_REVIEW): Role.LEAD,
    (PlanStatus.CHANGES_REQUESTED, PlanStatus.IN_REVIEW): Role.LEAD,
    (PlanStatus.IN_REVIEW, PlanStatus.APPROVED): Role.REVIEWER,
    (PlanStatus.IN_REVIEW, PlanStatus.CHANGES_REQUESTED): Role.REVIEWER,
    (PlanStatus.APPROVED, PlanStatus.DRAFT): Role.LEAD,
}


@pytest.fixture
def plan(organisation):
    plan = PlanFactory(cycle__organisation=organisation)
    ActionFactory(plan=plan)
    return plan


def member(organisation, role) -> Membership:
    return MembershipFactory(organisation=organisation, role=role)


def test_the_policy_lists_exactly_the_allowed_transitions():
    moves = {
        (status, rule.to_status)
        for rule in PLAN_RULES.values()
        if rule.to_status
        for status in rule.statuses
    }
    assert moves == set(ALLOWED)


@pytest.mark.parametrize(("from_to", "role"), ALLOWED.items(), ids=lambda v: str(v))
def test_each_allowed_transition_is_recorded(
    plan, organisation, from_to, role, django_capture_on_commit_callbacks
):
    from_status, to_status = from_to
    plan.status = from_status
    plan.save()
    actor = member(organisation, role)
    with django_capture_on_commit_callbacks(execute=True):
        plan_move(plan=plan, to_status=to_status, actor=actor.user,
                  comment="Please add dates")  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == to_status
    change = PlanStatusChange.objects.get(plan=plan)
    assert (change.from_status, change.to_status, change.actor) == (
        from_status, to_status, actor.user,
    )  # fmt: skip
    assert change.comment == "Please add dates"


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [pair for pair in itertools.permutations(PlanStatus.values, 2) if pair not in ALLOWED],
)
@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_other_transition_is_refused_for_every_role(
    plan, organisation, from_status, to_status, role
):
    plan.status = from_status
    plan.save()
    actor = member(organisation, role)
    with pytest.raises(DomainError):
        plan_move(plan=plan, to_status=to_status, actor=actor.user,
                  comment="x")  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == from_status
    assert not PlanStatusChange.objects.exists()


@pytest.mark.parametrize(("from_to", "role"), ALLOWED.items(), ids=lambda v: str(v))
def test_allowed_transitions_are_refused_for_the_wrong_role(plan, organisation, from_to, role):
    from_status, to_status = from_to
    plan.status = from_status
    plan.save()
    for other_role in {r.value for r in Role} - {role}:
        actor = member(organisation, other_role)
        with pytest.raises(DomainError, match="role does not allow"):
            plan_move(plan=plan, to_status=to_status, actor=actor.user,
                      comment="x")  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == from_status
    assert not PlanStatusChange.objects.exists()


def test_requesting_changes_needs_a_comment(plan, organisation):
    plan.status = PlanStatus.IN_REVIEW
    plan.save()
    reviewer = member(organisation, Role.REVIEWER)
    with pytest.raises(DomainError) as refused:
        plan_move(
            plan=plan, to_status=PlanStatus.CHANGES_REQUESTED, actor=reviewer.user, comment="   "
        )
    assert refused.value.field == "comment"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_REVIEW


def test_an_empty_plan_cannot_be_submitted(organisation):
    plan = PlanFactory(cycle__organisation=organisation)
    lead = member(organisation, Role.LEAD)
    with pytest.raises(DomainError, match="at least one action"):
        plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead.user)


def test_full_round_with_revision_keeps_the_history_and_the_approved_version(
    plan, organisation, django_capture_on_commit_callbacks
):
    lead, reviewer = member(organisation, Role.LEAD), member(organisation, Role.REVIEWER)
    steps = [
        (PlanStatus.IN_REVIEW, lead, ""),
        (PlanStatus.CHANGES_REQUESTED, reviewer, "Add a start date to the first action"),
        (PlanStatus.IN_REVIEW, lead, ""),
        (PlanStatus.APPROVED, reviewer, "Thank you"),
        (PlanStatus.DRAFT, lead, ""),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for to_status, who, comment in steps:
            plan_move(plan=plan, to_status=to_status, actor=who.user,
                      comment=comment, plan_url="http://testserver/plan/")  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert plan.revision == 2
    history = list(PlanStatusChange.objects.filter(plan=plan).values_list("to_status", "revision"))
    assert history == [("in_review", 1), ("changes_requested", 1), ("in_review", 1),
                       ("approved", 1), ("draft", 2)]  # fmt: skip
    version = ApprovedVersion.objects.get(plan=plan)
    assert version.revision == 1
    assert [a["description"] for a in version.actions] == list(
        plan.actions.values_list("description", flat=True)
    )
    assert ReviewComment.objects.filter(plan=plan).count() == 2
    subjects = [m.subject for m in mail.outbox]
    assert subjects.count(f"Action plan ready for review: {plan.title}") == 2
    assert f"Changes requested to the action plan: {plan.title}" in subjects
    assert f"Action plan approved: {plan.title}" in subjects
    review_mail = next(m for m in mail.outbox if "ready for review" in m.subject)
    assert review_mail.to == [reviewer.user.email]
    approved_mail = next(m for m in mail.outbox if "approved" in m.subject)
    assert lead.user.email in approved_mail.to
    assert "http://testserver/plan/" in approved_mail.body


def test_status_changes_are_immutable(plan, organisation):
    lead = member(organisation, Role.LEAD)
    plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead.user)
    change = PlanStatusChange.objects.get()
    change.comment = "rewritten"
    with pytest.raises(ValueError, match="immutable"):
        change.save()
