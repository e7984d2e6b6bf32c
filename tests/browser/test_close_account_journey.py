"""A person closes their account from "Your account": an organisation's only lead is told
why they cannot yet; a contributor gives their password (a mistake first) and is signed
out with a message. Every page is checked with axe-core, in English and in Welsh, and at
320 px without sideways scrolling.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_accessible_and_narrow as check
from tests.browser.conftest import sign_in
from tests.browser.welsh import cy
from tests.organisations.factories import MembershipFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_contributor_closes_their_account_and_a_lone_lead_is_told_why_not(page, organisation):
    lead = MembershipFactory(organisation=organisation, role=Role.LEAD).user
    contributor = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR).user

    sign_in(page, lead.email, PASSWORD)
    page.goto("/close-account/")
    expect(page.locator(".govuk-warning-text")).to_contain_text("You cannot close your account yet")
    expect(page.get_by_label("Your password")).to_have_count(0)
    check(page, "close-account-only-lead")
    page.context.clear_cookies()

    sign_in(page, contributor.email, PASSWORD)
    page.get_by_role("link", name="Your account").click()
    page.locator("main").get_by_role("link", name="Close your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Close your account")
    expect(page.locator("main")).to_contain_text(f"you will leave {organisation.name}")
    check(page, "close-account")

    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Close my account").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Your password is not right")
    check(page, "close-account-errors")

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Close my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your account is closed")
    check(page, "account-closed")

    # The same pages in Welsh, for a person who reads Welsh.
    page.context.clear_cookies()
    other = MembershipFactory(organisation=organisation, role=Role.REVIEWER).user
    sign_in(page, other.email, PASSWORD)
    page.goto("/")
    page.get_by_role("button", name="Cymraeg").click()
    page.goto("/close-account/")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Close your account"))
    page.locator("main").get_by_role("button", name=cy("Close my account")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        cy("Enter your password to close your account")
    )
    check(page, "close-account-errors-cy")
