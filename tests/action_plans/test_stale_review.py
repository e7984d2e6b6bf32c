"""A plan's review steps carry the plan's version the page showed: a decision taken on a
page loaded before the plan moved on is refused, the plan is shown as it is now and the
reviewer's comment is kept, so nobody approves (or sends back) a plan they have not seen."""

import re

import pytest

from action_plans.models import ActionPlan, PlanStatus, ReviewComment
from action_plans.services import PLAN_CHANGED, plan_move
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.action_plans.test_plan_pages import plan_url
from tests.conftest import client_for
from trauma_wales.versions import StaleEdit

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation, lead):
    plan = PlanFactory(cycle__organisation=organisation)
    ActionFactory(plan=plan)
    return plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead, expected_version=1)


@pytest.fixture
def second_reviewer(member_for_role):
    return member_for_role("reviewer")


def hidden_versions(page: str) -> list[str]:
    return re.findall(r'name="version" value="([^"]*)"', page)


def test_the_first_decision_wins_and_the_second_is_refused(plan, reviewer, second_reviewer):
    assert plan.version == 2
    plan_move(plan=plan, to_status=PlanStatus.APPROVED, actor=reviewer, expected_version=2)
    with pytest.raises(StaleEdit) as stale:
        plan_move(
            plan=plan,
            to_status=PlanStatus.CHANGES_REQUESTED,
            actor=second_reviewer,
            comment="Please add dates",
            expected_version=2,
        )
    assert stale.value.message == str(PLAN_CHANGED) % {"status": "Approved"}
    stored = ActionPlan.objects.get(pk=plan.pk)
    assert (stored.status, stored.version, stored.edited_by) == (
        PlanStatus.APPROVED,
        3,
        reviewer,
    )
    assert not ReviewComment.objects.exists()


def test_a_decision_after_the_plan_was_approved_keeps_the_comment(plan, reviewer, second_reviewer):
    url = plan_url(plan, "plans:step", step="review")
    bryn = client_for(second_reviewer)
    assert hidden_versions(bryn.get(plan_url(plan)).content.decode()) == ["2"]
    approved = client_for(reviewer).post(url, {"decision": PlanStatus.APPROVED, "version": "2"})
    assert approved.status_code == 302

    refused = bryn.post(
        url,
        {
            "decision": PlanStatus.CHANGES_REQUESTED,
            "comment": "Who leads the training action?",
            "version": "2",
        },
    )
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The plan changed after you opened this page: it is now “Approved”." in page
    assert "Who leads the training action?</textarea>" in page  # in the comment box now
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and not ReviewComment.objects.exists()


def test_a_decision_on_a_plan_sent_back_and_resubmitted_is_asked_again(
    plan, lead, reviewer, second_reviewer
):
    """Between loading and deciding, the plan went back to the lead and came back changed:
    the decision form is shown again, at the new version, with the comment kept."""
    url = plan_url(plan, "plans:step", step="review")
    bryn = client_for(second_reviewer)
    plan_move(
        plan=plan,
        to_status=PlanStatus.CHANGES_REQUESTED,
        actor=reviewer,
        comment="Add dates",
        expected_version=2,
    )
    plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead, expected_version=3)

    refused = bryn.post(
        url, {"decision": PlanStatus.APPROVED, "comment": "Looks good", "version": "2"}
    )
    page = refused.content.decode()
    assert refused.status_code == 200 and "<title>Error:" in page
    assert "There is a problem" in page and "it is now “Submitted for review”" in page
    assert "Looks good</textarea>" in page
    assert "4" in hidden_versions(page)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_REVIEW

    again = bryn.post(
        url, {"decision": PlanStatus.APPROVED, "comment": "Looks good", "version": "4"}
    )
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_a_stale_button_says_what_happened(plan, lead, reviewer, member_for_role):
    plan_move(plan=plan, to_status=PlanStatus.APPROVED, actor=reviewer, expected_version=2)
    url = plan_url(plan, "plans:step", step="revise")
    assert client_for(lead).post(url, {"version": "3"}).status_code == 302
    second_lead = client_for(member_for_role("lead"))
    response = second_lead.post(url, {"version": "3"}, follow=True)
    assert "The plan changed after you opened this page: it is now “Draft”." in (
        response.content.decode()
    )
    plan.refresh_from_db()
    assert (plan.status, plan.revision) == (PlanStatus.DRAFT, 2)  # one revision, not two


@pytest.mark.parametrize("version", ["", "²", "9" * 20])
def test_a_step_without_a_good_version_changes_nothing(plan, reviewer, version):
    response = client_for(reviewer).post(
        plan_url(plan, "plans:step", step="review"),
        {"decision": PlanStatus.APPROVED, "version": version},
    )
    assert response.status_code == 200 and "part of it was missing" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_REVIEW
