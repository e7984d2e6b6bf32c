"""A lead asks for their organisation to be deleted, sees the notice every member now
sees, and keeps it. Every page is checked with axe-core and at 320 px."""

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_accessible_and_narrow as check
from tests.browser.conftest import sign_in
from tests.organisations.factories import MembershipFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_lead_asks_for_deletion_and_then_keeps_the_organisation(page, organisation):
    lead = MembershipFactory(organisation=organisation, role=Role.LEAD).user
    sign_in(page, lead.email, PASSWORD)
    page.goto(f"/o/{organisation.slug}/")
    page.get_by_role("link", name="Delete the organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete the organisation")
    check(page, "organisation-delete")

    page.locator("main").get_by_role("button", name="Delete the organisation").click()
    banner = page.locator(".govuk-notification-banner").filter(has_text="as a lead asked")
    expect(banner).to_contain_text("This organisation will be deleted on")
    check(page, "organisation-deletion-due")

    banner.get_by_role("button", name="Keep the organisation").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"{organisation.name} will not be deleted."
    )
    expect(page.get_by_text("as a lead asked")).to_have_count(0)
    check(page, "organisation-kept")
