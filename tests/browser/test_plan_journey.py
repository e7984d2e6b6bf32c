"""The lead builds an action plan from the assessment's gaps and the reviewer reviews it:
three suggested gaps become actions and one is added by hand; the plan is submitted; the
reviewer comments on one action and asks for changes; the lead changes that action and
submits again; the reviewer approves; two target dates pass; the reviewer records
progress; the overdue action is listed first. A target date in the past is refused when
an action is saved (tests/action_plans/test_plan_pages.py). axe on every page. The same
forms without JavaScript: test_without_javascript.py."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from action_plans.models import Action
from tests.accounts.factories import PASSWORD
from tests.assessments.factories import answer_indicator, indicator, org_response, submitted_cycle
from tests.browser.conftest import assert_accessible, sign_in
from trauma_wales.kept import kept_clear

pytestmark = pytest.mark.django_db(transaction=True)

# Rated 0 or 1 in an otherwise middling (2 of 4) assessment, so these three are the gaps,
# the lowest-scoring domain area first: environment (a 0), then policy and workforce (a 1).
GAPS = [("environment-01", 0), ("policy-02", 1), ("workforce-03", 1)]


@pytest.fixture
def cycle(framework_content, organisation):
    cycle = submitted_cycle(organisation, score=2)
    response = org_response(cycle)
    for code, score in GAPS:
        answer_indicator(response, code, score=score)
    return cycle


def check(page, name):
    page.wait_for_load_state()
    assert_accessible(page, name)


def fill_date(page, field, day):
    for part, value in enumerate([day.day, day.month, day.year]):
        page.locator(f"#id_{field}_{part}").fill(str(value))


def switch_to(page, email):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    sign_in(page, email, PASSWORD)


def first_row(page):
    return page.get_by_role("table").locator("tbody tr").first


def test_lead_builds_a_plan_and_the_reviewer_approves_it(page, cycle, lead, reviewer):
    today = timezone.localdate()
    organisation = cycle.organisation
    plan_url = f"/o/{organisation.slug}/assessments/{cycle.pk}/plan/"
    texts = [indicator(cycle.framework, code).text for code, _score in GAPS]
    first_steps = [indicator(cycle.framework, code).first_step for code, _score in GAPS]
    # (description, target date) for the actions made from the three gaps, in gap order
    from_gaps = [
        ("Make the reception area calmer and quieter", today + timedelta(days=90)),
        ("Add a do-no-harm check to the policy template", today + timedelta(days=30)),
        ("Train front-line staff to be trauma-skilled", today + timedelta(days=120)),
    ]
    by_hand = "Offer a wellbeing check-in after difficult calls"
    overdue, changed = from_gaps[1][0], from_gaps[2][0]

    # The lead creates the plan
    sign_in(page, lead.email, PASSWORD)
    page.goto(plan_url)
    expect(page.get_by_text("This assessment does not have an action plan yet.")).to_be_visible()
    check(page, "plan-none")
    page.get_by_role("link", name="Create the action plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create the action plan")
    check(page, "plan-create")
    page.get_by_label("Title of the plan").fill("Becoming trauma-informed")
    page.get_by_role("button", name="Create plan").click()

    # ... turns the three suggested gaps into actions
    for number, (text, (description, target)) in enumerate(zip(texts, from_gaps, strict=True)):
        expect(page.get_by_role("heading", level=1)).to_have_text("Suggestions from the assessment")
        gaps = page.locator(".app-question")
        expect(gaps).to_have_count(3 - number)
        expect(gaps.first.get_by_role("heading", level=2)).to_have_text(text)
        first_time = number == 0  # later rounds show the same pages with other data
        if first_time:
            check(page, "suggestions")
        gaps.first.get_by_role("link", name=re.compile("^Turn into an action")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
        expect(page.locator(".govuk-inset-text")).to_contain_text(text)
        expect(page.get_by_label("Action", exact=True)).to_have_value(first_steps[number])
        if first_time:
            check(page, "action-from-gap")
        page.get_by_label("Action", exact=True).fill(description)
        page.get_by_label("Or a team or partner without an account").fill("Wellbeing team")
        fill_date(page, "target_date", target)
        page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("There are no gaps left to act on")).to_be_visible()
    check(page, "suggestions-none-left")

    # ... adds one by hand
    page.get_by_role("link", name="Back to the plan").click()
    page.get_by_role("link", name="Add an action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
    check(page, "action-by-hand")
    page.get_by_label("Action", exact=True).fill(by_hand)
    page.get_by_label("Who is responsible?").select_option(label=lead.full_name)
    fill_date(page, "target_date", today + timedelta(days=10))
    page.get_by_label("Outcome", exact=True).fill("Staff say they feel supported")
    page.get_by_label("Workforce development and wellbeing", exact=True).check()
    page.get_by_label("High", exact=True).check()
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("Action saved.")).to_be_visible()
    expect(page.get_by_role("table").locator("tbody tr")).to_have_count(4)
    check(page, "plan-draft")

    # ... and submits it
    page.get_by_role("button", name="Submit the plan for review").click()
    expect(page.get_by_text("The plan has been sent for review")).to_be_visible()
    expect(page.get_by_text("Submitted for review").first).to_be_visible()
    check(page, "plan-submitted")

    # The reviewer: a decision must be chosen
    switch_to(page, reviewer.email)
    page.goto(plan_url)
    expect(page.get_by_role("heading", name="Review the plan")).to_be_visible()
    check(page, "plan-to-review")
    page.get_by_role("button", name="Send decision").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Choose whether to approve the plan or ask for changes")
    expect(page).to_have_title(re.compile(r"^Error: Action plan"))
    check(page, "plan-review-error")

    # ... comments on one action
    page.get_by_role("link", name=changed).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(changed)
    expect(page.get_by_role("link", name="Change this action")).to_have_count(0)
    check(page, "action-to-review")
    page.get_by_label("Add a comment").fill("Say who will deliver the training.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Comment added.")).to_be_visible()
    expect(page.get_by_text("Say who will deliver the training.")).to_be_visible()
    check(page, "action-commented")

    # ... and asks for changes
    page.get_by_role("link", name="Back to the plan").click()
    page.get_by_label("Ask for changes").check()
    page.get_by_label("Comment", exact=True).fill("One action needs a named trainer.")
    page.get_by_role("button", name="Send decision").click()
    expect(page.get_by_text("Your comments have been sent to the lead.")).to_be_visible()
    expect(page.get_by_role("heading", name="Review the plan")).to_have_count(0)
    check(page, "plan-changes-requested")

    # The lead reads the comment, changes that action and submits again
    switch_to(page, lead.email)
    page.goto(plan_url)
    expect(page.get_by_text("Changes requested").first).to_be_visible()
    history = page.get_by_text("Changes requested (One action needs a named trainer.)")
    expect(history).to_be_visible()
    comments = page.get_by_role("heading", name="Comments on single actions in this revision")
    expect(comments).to_be_visible()
    check(page, "plan-to-change")
    page.locator(".govuk-inset-text").get_by_role("link", name=changed).click()
    expect(page.get_by_text("Say who will deliver the training.")).to_be_visible()
    check(page, "action-to-change")
    page.get_by_role("link", name="Change this action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change an action")
    expect(page.get_by_label("Action", exact=True)).to_have_value(changed)
    check(page, "action-edit")
    page.get_by_label("Or a team or partner without an account").fill(
        "Wellbeing team with Platfform trainers"
    )
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("Action saved.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile(changed))
    expect(row).to_contain_text("Wellbeing team with Platfform trainers")
    page.get_by_role("button", name="Submit the changed plan for review").click()
    expect(page.get_by_text("The plan has been sent for review")).to_be_visible()
    check(page, "plan-resubmitted")

    # The reviewer approves
    switch_to(page, reviewer.email)
    page.goto(plan_url)
    page.get_by_label("Approve the plan").check()
    page.get_by_role("button", name="Send decision").click()
    expect(page.get_by_text("The plan is approved.")).to_be_visible()
    expect(page.locator(".govuk-tag").get_by_text("Approved")).to_be_visible()
    check(page, "plan-approved")

    # Time passes: two target dates go by (written here, as the calendar would)
    Action.objects.filter(description=overdue).update(target_date=today - timedelta(days=30))
    Action.objects.filter(description=by_hand).update(target_date=today - timedelta(days=60))
    kept_clear()
    page.reload()

    # ... and records progress: the action added by hand is completed
    page.get_by_role("link", name=by_hand).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(by_hand)
    expect(page.locator("main").get_by_text("Overdue", exact=True)).to_be_visible()
    check(page, "action-progress")
    page.get_by_label("Completed", exact=True).check()
    page.get_by_label("What has happened?").fill("Check-ins run weekly since October.")
    page.get_by_role("button", name="Record progress").click()
    expect(page.get_by_text("Progress recorded.")).to_be_visible()
    expect(page.get_by_text("Check-ins run weekly since October.")).to_be_visible()
    expect(page.locator("main").get_by_text("Overdue", exact=True)).to_have_count(0)
    check(page, "action-progress-recorded")

    # The overdue action comes first, ahead of the completed one with an earlier date
    page.get_by_role("link", name="Back to the plan").click()
    expect(page.get_by_role("table")).to_contain_text("Actions, overdue first")
    expect(first_row(page)).to_contain_text(overdue)
    expect(first_row(page).locator(".govuk-tag--red")).to_have_text("Overdue")
    expect(page.get_by_role("table").get_by_text("Overdue", exact=True)).to_have_count(1)
    completed = page.get_by_role("row", name=re.compile(by_hand))
    expect(completed).to_contain_text("Completed")
    check(page, "plan-in-delivery")
