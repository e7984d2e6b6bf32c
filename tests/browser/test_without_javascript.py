"""Without JavaScript: every form whose page GOV.UK Frontend's scripts change.

The server sends the same HTML with or without JavaScript; the scripts then add a live
character count under long text boxes, move focus to the error summary and fold the
header's menu behind a button. Someone without JavaScript gets the count's fixed hint,
the summary's links and the menu laid out in full. The journeys run with JavaScript;
this one goes, without it, through one page of each form that has a character count (a
question page, an action, a comment, a review, progress on an action, a staff group and
the reason for reopening an assessment): each sent once with a mistake and once right,
and checked with axe. The forms themselves (every field, every bad value) are covered
without a browser by the generated form matrix (tests/test_hostile_forms.py).
"""

import pytest
from playwright.sync_api import expect

from action_plans.models import PlanStatus
from assessments.models import CycleStatus
from tests.accounts.factories import PASSWORD
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import CycleFactory, submitted_cycle
from tests.browser.conftest import assert_accessible, assert_accessible_and_narrow, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.without_javascript_only]

TOO_LONG = "x" * 2001


@pytest.fixture
def plan(framework_content, organisation):
    plan = PlanFactory(cycle=submitted_cycle(organisation, year=2025), status=PlanStatus.DRAFT)
    ActionFactory(plan=plan, description="Calm the reception area")
    return plan


@pytest.fixture
def open_cycle(plan):
    return CycleFactory(
        organisation=plan.cycle.organisation, year=2026, status=CycleStatus.IN_PROGRESS
    )


def check(page, name):
    page.wait_for_load_state()
    assert_accessible(page, name)


def mistake_shown(page, message):
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text(message)


def switch_to(page, email):
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, email, PASSWORD)


def test_forms_with_character_counts_work_without_javascript(
    page, plan, open_cycle, lead, reviewer
):
    organisation = plan.cycle.organisation
    cycle_url = f"/o/{organisation.slug}/assessments/{plan.cycle.pk}/"
    plan_url = f"{cycle_url}plan/"
    sign_in(page, lead.email, PASSWORD)
    expect(page.locator("html")).not_to_have_class("js-enabled")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    assert_accessible_and_narrow(page, "nojs-home")

    # A question page: radios, the note's count and the principles' checkboxes
    page.goto(f"/o/{organisation.slug}/assessments/{open_cycle.pk}/domains/leadership/")
    expect(page.get_by_text("You can enter up to 2000 characters").first).to_be_visible()
    check(page, "nojs-question")
    page.locator("input[type=radio][value='2']").first.check()
    page.locator("textarea").first.fill(TOO_LONG)
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "nojs-question-error")
    page.locator("textarea").first.fill("Minutes of the March board meeting")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers have been saved.")).to_be_visible()

    # An action: three counted text boxes
    page.goto(f"{plan_url}actions/new/")
    page.get_by_role("button", name="Save action").click()
    mistake_shown(page, "Enter what will be done")
    check(page, "nojs-action-errors")
    page.get_by_label("Action", exact=True).fill("Offer a check-in after difficult calls")
    page.get_by_label("Or a team or partner without an account").fill("Wellbeing team")
    page.locator("#id_target_date_0").fill("1")
    page.locator("#id_target_date_1").fill("3")
    page.locator("#id_target_date_2").fill(str(plan.period_end.year))
    page.get_by_label("Outcome", exact=True).fill("Staff say they feel supported")
    page.get_by_label("Workforce development and wellbeing", exact=True).check()
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("Action saved.")).to_be_visible()
    page.get_by_role("button", name="Submit the plan for review").click()
    expect(page.get_by_text("The plan has been sent for review")).to_be_visible()

    # A comment on a single action, and the review's comment
    switch_to(page, reviewer.email)
    page.goto(plan_url)
    page.get_by_role("link", name="Calm the reception area").click()
    page.get_by_role("button", name="Add comment").click()
    mistake_shown(page, "Enter a comment")
    check(page, "nojs-comment-error")
    page.get_by_label("Add a comment").fill("Who will choose the new furniture?")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Comment added.")).to_be_visible()
    page.get_by_role("link", name="Back to the plan").click()
    page.get_by_label("Ask for changes").check()
    page.get_by_role("button", name="Send decision").click()
    mistake_shown(page, "Say what needs to change")
    check(page, "nojs-review-error")
    page.get_by_label("Approve the plan").check()
    page.get_by_role("button", name="Send decision").click()
    expect(page.get_by_text("The plan is approved.")).to_be_visible()

    # Progress on an action: a cancellation needs its reason
    page.get_by_role("table").get_by_role("link", name="Calm the reception area").click()
    page.get_by_label("Cancelled", exact=True).check()
    page.get_by_label("What has happened?").fill("The lease on the building ends.")
    page.get_by_role("button", name="Record progress").click()
    mistake_shown(page, "why")
    check(page, "nojs-progress-error")
    page.get_by_label("If cancelled, why?").fill("We move to a new building in May.")
    page.get_by_role("button", name="Record progress").click()
    expect(page.get_by_text("Progress recorded.")).to_be_visible()

    # A staff group, and the reason for reopening an assessment
    switch_to(page, lead.email)
    page.goto(f"/o/{organisation.slug}/workforce/groups/new/")
    page.get_by_label("Who is in this group? (optional)").fill(TOO_LONG)
    page.get_by_role("button", name="Add staff group").click()
    mistake_shown(page, "Enter the name of the staff group")
    check(page, "nojs-group-errors")
    page.goto(f"{cycle_url}reopen/")
    page.get_by_role("button", name="Reopen assessment").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "nojs-reopen-error")
