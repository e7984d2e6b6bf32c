"""The demo lead reads the organisation's history of changes: from the overview, page to
page, filtered by kind and by a date range (and told about a date that does not exist),
downloads what the filters show, and reads it in Welsh. At 320 pixels wide the page does
not scroll sideways: the table scrolls in its own region.

With JavaScript, which changes nothing on these pages; axe on every page (WCAG 2.2 AA).
"""

import re

import pytest
from playwright.sync_api import expect

from demo.seed import DEMO_PASSWORD, DEMO_PEOPLE, demo_seed
from tests.browser.conftest import SCREENSHOTS, assert_accessible, sign_in
from trauma_wales.audit import audit_record
from trauma_wales.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

LONG_NOTE = (
    "We agreed with the staff forum that managers will have protected time for reflective "
    "supervision every month, starting with the housing officers and then the repairs team."
)


@pytest.fixture
def demo(framework_content):
    """The demo organisation, built through the services (so its history is real), plus
    enough changes for a second page, one with a long note."""
    seeded = demo_seed()
    organisation = seeded["organisation"]
    lead = organisation.memberships.get(user__email=DEMO_PEOPLE[0].email).user
    for number in range(60):
        audit_record(
            action="action.progress",
            actor=lead,
            organisation=organisation,
            details={
                "action": f"Train every manager, group {number}",
                "recorded_on": "2026-01-05",
                "note": LONG_NOTE,
                "changed": {"status": ["not_started", "in_progress"]},
            },
        )
    return seeded


def check(page, name, **options):
    page.wait_for_load_state()
    assert_accessible(page, name, **options)


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide"


def test_lead_reads_filters_and_downloads_the_history(page, demo):
    organisation = demo["organisation"]
    sign_in(page, DEMO_PEOPLE[0].email, DEMO_PASSWORD)
    page.goto(f"/o/{organisation.slug}/")
    page.get_by_role("link", name="History of changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of changes")
    total = AuditEntry.objects.filter(organisation=organisation).count()
    table = page.get_by_role("table", name=f"{total} changes, newest first")
    expect(page.locator("#history-caption")).to_contain_text(f"{total} changes, newest first")
    expect(table.locator("tbody tr")).to_have_count(50)
    expect(table).to_contain_text("Changed the status from Not started to In progress")
    check(page, "history")

    page.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    pages = -(-total // 50)  # 50 a page, rounded up
    expect(page.get_by_text(f"Page 2 of {pages}")).to_be_visible()
    check(page, "history-page-2", contrast=False)
    page.get_by_role("link", name=f"Page {pages}", exact=True).click()
    expect(page.get_by_role("table")).to_contain_text("Registered the organisation")

    # Filter by kind (the filters are in a details element: open it without JavaScript too)
    page.get_by_text("Filter the history").click()
    page.get_by_label("Kind of change").select_option(label="Workforce training")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"kind=workforce"))
    rows = page.get_by_role("table").locator("tbody tr")
    expect(rows.first).to_contain_text("Workforce training")
    expect(page.locator("#history-caption")).to_contain_text("match the filters")
    check(page, "history-filtered", contrast=False)

    # The download has what the filters show
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these changes (CSV)").click()
    content = download_info.value.path().read_text(encoding="utf-8-sig")
    assert "Workforce training" in content
    assert "Changed the status" not in content

    # A date that does not exist is an error, and the other filters still apply
    page.get_by_role("group", name="From").get_by_label("Day").fill("31")
    page.get_by_role("group", name="From").get_by_label("Month").fill("2")
    page.get_by_role("group", name="From").get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The date to show changes from must be a real date"
    )
    expect(page).to_have_title(re.compile(r"^Error:"))
    check(page, "history-error")


def test_the_history_fits_a_narrow_screen_in_both_languages(page, demo):
    organisation = demo["organisation"]
    sign_in(page, DEMO_PEOPLE[0].email, DEMO_PASSWORD)
    site = page.url.split("/o/")[0] + "/"  # one cookie for the whole site, replaced each time
    for language in ("en", "cy"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(f"/o/{organisation.slug}/history/")
        heading = {"en": "History of changes", "cy": "Hanes y newidiadau"}[language]
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.locator("html")).to_have_attribute("lang", language)
        no_sideways_scroll(page)
        region = page.locator(".app-table-scroll")
        expect(region).to_have_attribute("tabindex", "0")
        check(page, f"history-320-{language}")
        if language == "cy":
            expect(page.get_by_role("table")).to_contain_text("Newidiwyd y statws")
        if SCREENSHOTS is not None:
            page.set_viewport_size({"width": 1100, "height": 900})
            page.screenshot(path=str(SCREENSHOTS / f"history-1100-{language}.png"), full_page=True)
