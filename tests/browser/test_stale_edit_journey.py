"""Two leads change the same action in two browsers. The first save wins; the second
person sees, at the top, that the action changed while they were editing, what is saved
now, and their own text still in the form; saving again keeps their text. Then the same in
Welsh. The refused page has no axe violations and no sideways scrolling at 1100 and 320
pixels wide; with JavaScript (the plan journey runs this form without it)."""

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.welsh import cy
from tests.organisations.factories import MembershipFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db(transaction=True)

NARROW, WIDE = 320, 1100


@pytest.fixture
def action(framework_content, organisation):
    plan = PlanFactory(cycle__organisation=organisation)
    return ActionFactory(plan=plan, description="Offer a quiet room for difficult meetings")


def edit_url(action):
    cycle = action.plan.cycle
    return f"/o/{cycle.organisation.slug}/assessments/{cycle.pk}/plan/actions/{action.pk}/edit/"


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def check_at_both_widths(page, name):
    page.wait_for_load_state()
    assert_accessible(page, f"{name}-{WIDE}")
    assert no_sideways_scroll(page)
    page.set_viewport_size({"width": NARROW, "height": 900})
    assert no_sideways_scroll(page), f"{name}: the page scrolls sideways at {NARROW} pixels"
    assert_accessible(page, f"{name}-{NARROW}", contrast=False)
    page.set_viewport_size({"width": WIDE, "height": 900})


def save_as_anwen(anwen, action, text, button="Save action"):
    anwen.goto(edit_url(action))
    anwen.locator("#id_description").fill(text)
    anwen.get_by_role("button", name=button).click()
    anwen.wait_for_load_state()


def test_the_second_person_sees_both_versions_and_saves_deliberately(
    page, browser, live_server, action, lead, organisation
):
    second = MembershipFactory(organisation=organisation, role=Role.LEAD).user
    anwen = browser.new_context(base_url=live_server.url).new_page()
    sign_in(anwen, lead.email, PASSWORD)
    sign_in(page, second.email, PASSWORD)  # Bryn

    # Both open the action; Anwen saves first
    page.goto(edit_url(action))
    save_as_anwen(anwen, action, "Offer a quiet room, booked by the person themselves")
    expect(anwen.locator(".govuk-notification-banner")).to_contain_text("Action saved.")

    # Bryn saves his change: refused, with both versions in front of him
    description = page.locator("#id_description")
    description.fill("Offer a quiet room and a break during difficult meetings")
    page.get_by_role("button", name="Save action").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("This action was changed after you opened it.")
    saved_now = page.locator("#saved-now")
    expect(saved_now).to_contain_text("What is saved now")
    expect(saved_now).to_contain_text(f"Saved by {lead.full_name} on")
    expect(saved_now).to_contain_text("Offer a quiet room, booked by the person themselves")
    expect(description).to_have_value("Offer a quiet room and a break during difficult meetings")
    check_at_both_widths(page, "stale-action")

    # Having seen both, he saves again: his text is kept
    page.get_by_role("button", name="Save action").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Action saved.")
    expect(page.get_by_role("table")).to_contain_text("a break during difficult meetings")

    # The same in Welsh
    page.get_by_role("button", name="Cymraeg").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.goto(edit_url(action))
    save_as_anwen(anwen, action, "Offer a quiet room with a window")
    page.locator("#id_description").fill("Cynnig ystafell dawel gyda golau dydd")
    page.get_by_role("button", name=cy("Save action")).click()
    expect(page).to_have_title(re.compile(f"^{cy('Error:')} "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        cy("This action was changed after you opened it. Your changes have not been saved yet.")
    )
    expect(page.locator("#saved-now")).to_contain_text(cy("What is saved now"))
    expect(page.locator("#saved-now")).to_contain_text("Offer a quiet room with a window")
    expect(page.locator("#id_description")).to_have_value("Cynnig ystafell dawel gyda golau dydd")
    check_at_both_widths(page, "stale-action-cy")
    anwen.context.close()
