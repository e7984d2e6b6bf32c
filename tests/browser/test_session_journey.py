"""The working group's session, by keyboard: three colleagues have given their views; the
lead records the session, works through the indicators where views differ most on the
facilitation page, agrees two ratings with reasons, leaves one "not agreed yet" and
marks one as not applicable; the results and the board report show all of it. axe on
every page, in English and on the facilitation page in Welsh. Without JavaScript, the
facilitation page records a decision the same way."""

from datetime import date

import pytest
from playwright.sync_api import expect

from assessments.models import ConsensusSession
from assessments.services.cycles import cycle_start
from demo.seed import DEMO_PASSWORD, DEMO_PEOPLE, demo_seed
from tests.assessments.factories import add_contributor, answer_indicator
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# Three colleagues' ratings: environment-06 (websites) differs most, 0 to 4; then
# leadership-07 (contracts), then policy-04.
VIEWS = {"environment-06": (0, 2, 4), "leadership-07": (1, 3, 3), "policy-04": (2, 2, 3)}


@pytest.fixture
def cycle(framework_content):
    demo = demo_seed()
    lead = demo["organisation"].memberships.get(user__email=DEMO_PEOPLE[0].email).user
    cycle = cycle_start(
        organisation=demo["organisation"],
        actor=lead,
        name="2026 review",
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
    )
    colleagues = [add_contributor(cycle) for _ in range(3)]
    for code, ratings in VIEWS.items():
        for response, rating in zip(colleagues, ratings, strict=True):
            answer_indicator(response, code, score=rating, evidence=f"Seen as {rating}")
    return cycle


def check(page, name):
    page.wait_for_load_state()
    assert_accessible(page, name)


def choose(page, label: str) -> None:
    """Choose a radio by keyboard: focus it and press Space."""
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Space")


def decide(page, label: str, reason: str) -> None:
    choose(page, label)
    page.get_by_label("Why we agreed it").focus()
    page.keyboard.type(reason)
    page.get_by_role("button", name="Save and go to the next").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def test_the_group_agrees_ratings_in_a_session(page, cycle):
    slug = cycle.organisation.slug
    sign_in(page, DEMO_PEOPLE[0].email, DEMO_PASSWORD)
    page.goto(f"/o/{slug}/assessments/{cycle.pk}/")
    page.get_by_role("link", name="Consensus sessions: agree the ratings together").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consensus sessions")
    check(page, "sessions")

    page.get_by_role("link", name="Record a session").click()
    check(page, "session-new")
    page.locator("#id_held_on_0").fill("14")
    page.locator("#id_held_on_1").fill("1")
    page.locator("#id_held_on_2").fill("2027")
    page.get_by_label("People with lived experience").fill("1")
    page.locator("input[name=members]").first.check()
    page.get_by_role("button", name="Record the session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Session on 14 January 2027")
    table = page.get_by_role("table", name="To discuss")
    expect(table.locator("tbody tr").first).to_contain_text("Websites, online forms")
    check(page, "session")

    table.locator("tbody tr").first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Websites, online forms")
    expect(page.get_by_text("1 of 48 to discuss")).to_be_visible()
    expect(page.get_by_text("Seen as 4")).to_be_visible()  # notes, without names
    check(page, "facilitate")
    decide(page, "2 Developing", "The forms work on phones, but nobody answers the web chat.")

    expect(page.get_by_text("2 of 48 to discuss")).to_be_visible()
    decide(page, "3 Established", "Contracts now include it; two partners have signed up.")

    expect(page.get_by_text("3 of 48 to discuss")).to_be_visible()
    choose(page, "Not agreed yet")
    page.get_by_role("button", name="Save and go to the next").click()

    choose(page, "Not applicable")
    page.get_by_role("button", name="Save and go to the next").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why this does not apply")
    check(page, "facilitate-error")
    page.get_by_label("Why we agreed it").fill("A partner does this for us under contract.")
    page.get_by_role("button", name="Save and go back to the list").click()

    table = page.get_by_role("table", name="To discuss")
    expect(table.get_by_text("Agreed", exact=True)).to_have_count(3)
    expect(table.get_by_text("Not agreed yet", exact=True)).to_have_count(1)

    page.context.add_cookies([{"name": "django_language", "value": "cy", "url": page.url}])
    table.locator("tbody tr").first.get_by_role("link").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    check(page, "facilitate-welsh")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.url}])

    page.goto(f"/o/{slug}/assessments/{cycle.pk}/results/")
    expect(page.locator("#not-applicable").locator("xpath=..")).to_contain_text(
        "A partner does this for us under contract."
    )
    page.goto(f"/o/{slug}/assessments/{cycle.pk}/report/")
    sessions = page.locator("section[aria-labelledby=sessions]")
    expect(sessions).to_contain_text("Session on 14 January 2027")
    expect(sessions).to_contain_text("1 person with lived experience")
    expect(sessions).to_contain_text("The forms work on phones, but nobody answers the web chat.")
    expect(sessions.get_by_role("heading", name="Not agreed yet")).to_be_visible()
    check(page, "report-sessions")


@pytest.mark.without_javascript_only
def test_the_facilitation_page_works_without_javascript(page, cycle):
    session = ConsensusSession.objects.create(cycle=cycle, held_on=date(2027, 1, 14))
    sign_in(page, DEMO_PEOPLE[0].email, DEMO_PASSWORD)
    page.goto(f"/o/{cycle.organisation.slug}/assessments/{cycle.pk}/sessions/{session.pk}/")
    page.get_by_role("table", name="To discuss").locator("tbody tr").first.get_by_role(
        "link"
    ).click()
    choose(page, "1 Beginning")
    page.get_by_label("Why we agreed it").fill("People still phone because the forms fail.")
    page.get_by_role("button", name="Save and go to the next").click()
    expect(page.get_by_text("2 of 48 to discuss")).to_be_visible()
    check(page, "facilitate-without-js")
