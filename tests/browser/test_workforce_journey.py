"""The lead maps the workforce: adds two staff groups (one needing three practice levels),
records how many people are trained (first trying a number larger than the group), reads
the coverage chart and table, and turns a gap into a draft action in the plan, confirming
it before anything is saved. A board member reads the demo organisation's coverage. axe on
every page. The same forms without JavaScript: test_without_javascript.py."""

import re

import pytest
from playwright.sync_api import expect

from action_plans.models import Action, PlanStatus
from demo.seed import DEMO_PASSWORD, DEMO_PEOPLE, demo_seed
from tests.accounts.factories import PASSWORD
from tests.action_plans.factories import PlanFactory
from tests.assessments.factories import submitted_cycle
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plan(framework_content, organisation):
    return PlanFactory(
        cycle=submitted_cycle(organisation, year=2026),
        title="Becoming trauma-informed",
        status=PlanStatus.DRAFT,
    )


def check(page, name):
    page.wait_for_load_state()
    assert_accessible(page, name)


def add_group(page, name, description, headcount, levels):
    page.get_by_role("link", name="Add a staff group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a staff group")
    page.get_by_label("Name of the staff group").fill(name)
    page.get_by_label("Who is in this group? (optional)").fill(description)
    page.get_by_label("How many people are in this group?").fill(str(headcount))
    for level in levels:
        page.get_by_role("checkbox", name=level, exact=True).check()
    page.get_by_role("button", name="Add staff group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Training figures for {name}")


def record_training(page, counts):
    for level, number in counts.items():
        page.get_by_label(f"Number trained to {level}").fill(str(number))
    page.get_by_role("button", name="Save training figures").click()


def row(table, *cells):
    return table.get_by_role("row", name=re.compile(r"\s+".join(map(re.escape, cells))))


def test_lead_maps_the_workforce_and_plans_training_for_a_gap(page, plan, lead):
    organisation = plan.cycle.organisation
    sign_in(page, lead.email, PASSWORD)
    page.goto(f"/o/{organisation.slug}/")
    page.get_by_role("link", name="See workforce training coverage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workforce and practice levels")
    expect(page.get_by_text("No staff groups have been recorded yet.")).to_be_visible()
    check(page, "workforce-empty")

    # A group needing three levels; the form first sent empty shows what is missing
    page.get_by_role("link", name="Add a staff group").click()
    check(page, "workforce-group-form")
    page.get_by_role("button", name="Add staff group").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the name of the staff group")
    expect(summary).to_contain_text("Enter the number of people in the group")
    expect(summary).to_contain_text("Choose at least one practice level this group needs")
    check(page, "workforce-group-errors")
    page.get_by_role("link", name="Back").click()
    add_group(
        page,
        "Youth workers",
        "Detached and centre-based youth workers",
        12,
        ["Trauma-aware", "Trauma-skilled", "Trauma-enhanced"],
    )
    expect(page.get_by_text("There are 12 people in this group.")).to_be_visible()
    check(page, "workforce-training-form")

    # More trained than there are people: refused, nothing saved
    record_training(page, {"Trauma-aware": 15, "Trauma-skilled": 7, "Trauma-enhanced": 3})
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The number trained to Trauma-aware cannot be more than the 12 people in the group"
    )
    check(page, "workforce-training-errors")
    record_training(page, {"Trauma-aware": 12, "Trauma-skilled": 7, "Trauma-enhanced": 3})
    expect(page.get_by_text("Training figures for Youth workers saved.")).to_be_visible()

    add_group(page, "Reception", "Front-desk staff at the youth centre", 4, ["Trauma-aware"])
    record_training(page, {"Trauma-aware": 1})

    # aware 13 of 16 = 81%, skilled 7 of 12 = 58%, enhanced 3 of 12 = 25%;
    # overall 23 of 40 training needs = 57.5%, rounded to 58%
    expect(page.get_by_text("58% of training needs are met: 23 of 40.")).to_be_visible()
    expect(page.get_by_role("img", name="Training coverage by practice level")).to_be_visible()
    levels = page.get_by_role("table", name="Training coverage by practice level")
    expect(row(levels, "Trauma-aware", "16", "13", "81%", "3")).to_be_visible()
    expect(row(levels, "Trauma-enhanced", "12", "3", "25%", "9")).to_be_visible()
    expect(row(levels, "All levels", "40", "23", "58%", "17")).to_be_visible()
    gaps = page.get_by_role(
        "table", name="People still to train, by staff group and practice level"
    )
    expect(row(gaps, "Reception", "Trauma-aware", "4", "1", "3")).to_be_visible()
    check(page, "workforce-coverage")

    # A gap becomes a draft action: nothing is saved until the lead confirms
    page.get_by_role("link", name="Plan an action for Youth workers, Trauma-enhanced").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
    expect(
        page.get_by_text("9 people in the Youth workers group still need Trauma-enhanced training")
    ).to_be_visible()
    expect(page.get_by_role("textbox", name="Outcome")).to_have_value(
        re.compile(r"^9 more people trained to Trauma-enhanced in the Youth workers group by ")
    )
    expect(page.get_by_role("radio", name="Workforce development and wellbeing")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Trauma-enhanced", exact=True)).to_be_checked()
    check(page, "workforce-action-form")
    assert not Action.objects.exists()
    page.get_by_label("Or a team or partner without an account").fill("Youth service manager")
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("Action saved.")).to_be_visible()
    expect(
        page.get_by_text("Arrange Trauma-enhanced training for the Youth workers group").first
    ).to_be_visible()
    check(page, "workforce-action-saved")
    action = Action.objects.get()
    assert action.domain.code == "workforce"
    assert [level.code for level in action.practice_levels.all()] == ["enhanced"]


def test_board_member_reads_the_demo_workforce_coverage(page, framework_content):
    organisation = demo_seed()["organisation"]
    sign_in(page, DEMO_PEOPLE[3].email, DEMO_PASSWORD)
    page.goto(f"/o/{organisation.slug}/")
    page.get_by_role("link", name="See workforce training coverage").click()
    expect(page.get_by_text(re.compile(r"Change since the previous snapshot"))).to_be_visible()
    expect(page.get_by_role("link", name="Add a staff group")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Plan an action"))).to_have_count(0)
    check(page, "workforce-board")
    page.get_by_role("link", name="Trauma-enhanced").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trauma-enhanced")
    expect(page.get_by_role("heading", name="In the self-assessment")).to_be_visible()
    check(page, "practice-level")
