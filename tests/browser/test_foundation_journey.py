"""The demo lead signs in, opens their organisation and reads the framework pages.

Runs with JavaScript, which changes nothing on these pages at this width; every page
visited is checked with axe-core.
"""

import re

import pytest
from playwright.sync_api import expect

from demo.seed import DEMO_PASSWORD, DEMO_PEOPLE, demo_seed
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(framework_content):
    return demo_seed()


def check(page, name):
    page.wait_for_load_state()
    assert_accessible(page, name)


def test_lead_signs_in_and_reads_organisation_and_framework(page, demo):
    lead = DEMO_PEOPLE[0]
    organisation = demo["organisation"]

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Become a more trauma-informed organisation"
    )
    check(page, "start")

    page.goto("/accounts/sign-in/")
    check(page, "sign-in")
    sign_in(page, lead.email, DEMO_PASSWORD)  # one organisation: straight to it
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation.name)
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Your organisations"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organisations")
    check(page, "home")

    page.get_by_role("link", name=organisation.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation.name)
    expect(page.get_by_text("Your role: Lead")).to_be_visible()
    check(page, "overview")

    page.get_by_role("link", name="Members and invitations").click()
    expect(page.get_by_role("table").first).to_contain_text("reviewer@example.org")
    check(page, "members")

    page.get_by_role("link", name="Invite someone").click()
    check(page, "invite")
    page.locator("main").get_by_role("button", name="Send invitation").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the email address of the person you want to invite"
    )
    check(page, "invite-errors")

    page.get_by_role("link", name="The framework").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The framework")
    check(page, "framework")

    page.get_by_role("link", name="Policies and procedures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Policies and procedures")
    check(page, "domain")

    page.goto("/framework/")
    page.get_by_role("link", name="Safety and trust").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safety and trust")
    check(page, "principle")

    page.goto("/framework/")
    page.get_by_role("link", name="Trauma-enhanced").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trauma-enhanced")
    expect(page.get_by_role("heading", name="What good looks like")).to_be_visible()
    check(page, "practice-level")

    page.get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    check(page, "accessibility")


def test_another_organisations_page_is_not_found_and_the_language_switches(page, demo):
    """Two short checks on one demo (seeding it is most of a browser test's time)."""
    sign_in(page, "other-lead@example.org", DEMO_PASSWORD)
    response = page.goto(f"/o/{demo['organisation'].slug}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")

    page.goto("/framework/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Cymraeg").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page).to_have_url(re.compile(r"/framework/$"))
    check(page, "framework-cy")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
