"""The demo lead runs a whole assessment: starts it, answers readiness and the six domains
(leaving half-way through one and coming back), checks, submits and reads the results
compared with last year's baseline, then writes the group's reflections and finds them
at the start of the board report. A contributor gives their view and a board member
reads the results. axe on every page. The question pages without JavaScript:
test_without_javascript.py."""

import re

import pytest
from playwright.sync_api import expect

from demo.seed import DEMO_PASSWORD, DEMO_PEOPLE, demo_seed
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DOMAINS = [
    "Leadership and governance",
    "Policies and procedures",
    "Workforce development and wellbeing",
    "Environment",
    "Involvement and communication",
    "Monitoring and evaluation",
]


@pytest.fixture
def demo(framework_content):
    return demo_seed()


def check(page, name):
    page.wait_for_load_state()
    assert_accessible(page, name)


def answer_all(page, value, skip_every_other=False):
    radios = page.locator(f"input[type=radio][value='{value}']")
    for index in range(radios.count()):
        if skip_every_other and index % 2:
            continue
        radios.nth(index).check()


def test_lead_completes_an_assessment_and_compares_with_last_year(page, demo):
    organisation = demo["organisation"]
    sign_in(page, DEMO_PEOPLE[0].email, DEMO_PASSWORD)
    page.goto(f"/o/{organisation.slug}/")
    page.get_by_role("link", name="All assessments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessments")
    check(page, "cycle-list")

    page.get_by_role("link", name="Start a new assessment").click()
    check(page, "cycle-start")
    page.get_by_label("Name of this assessment").fill("2026 review")
    page.locator("#id_period_start_0").fill("1")
    page.locator("#id_period_start_1").fill("4")
    page.locator("#id_period_start_2").fill("2026")
    page.locator("#id_period_end_0").fill("31")
    page.locator("#id_period_end_1").fill("3")
    page.locator("#id_period_end_2").fill("2027")
    page.get_by_role("button", name="Start assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2026 review")
    expect(page.get_by_text("You have completed 0 of 7 sections")).to_be_visible()
    check(page, "hub")

    page.get_by_role("link", name="Readiness").click()
    for part in range(1, 7):  # one page for each of the six readiness themes
        expect(page.get_by_text(f"Readiness, part {part} of 6")).to_be_visible()
        if part == 1:
            check(page, "readiness")
        answer_all(page, "yes")
        page.get_by_role("button", name="Save and continue").click()

    for number, domain in enumerate(DOMAINS):
        expect(page.get_by_role("heading", level=1)).to_have_text(domain)
        if number == 0:  # the other five are the same page with other indicators
            check(page, "domain")
        if number == 1:
            # leave half-way through, then come back to the same answers
            answer_all(page, "2", skip_every_other=True)
            page.get_by_role("button", name="Save and come back later").click()
            expect(page.get_by_text("Your answers have been saved")).to_be_visible()
            status = page.locator("#section-policy-status")
            expect(status).to_have_text("In progress")
            check(page, "hub-in-progress")
            page.goto(f"/o/{organisation.slug}/")
            check(page, "overview-in-progress")
            page.get_by_role("link", name="Continue the assessment").click()
            page.get_by_role("link", name=domain).click()
            expect(page.locator("input[type=radio][value='2']").first).to_be_checked()
            check(page, "domain-resumed")
        answer_all(page, "3")
        page.locator("input[type=radio][value='dont_know']").first.check()
        page.locator("input[type=checkbox]").first.check()
        if number == 2:  # one indicator does not apply here: it needs a reason
            page.locator("input[type=radio][value='not_applicable']").nth(3).check()
            page.get_by_role("button", name="Save and continue").click()
            summary = page.locator(".govuk-error-summary")
            expect(summary).to_contain_text("Question 4: Say why this does not apply")
            check(page, "domain-not-applicable-error")
            summary.get_by_role("link").first.click()
            page.keyboard.type("Our partner provider does the intensive support work.")
        page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting"
    )
    check(page, "check-answers")
    page.get_by_role("button", name="Submit assessment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Results: 2026 review")
    expect(
        page.get_by_text(f"Compared with the previous assessment, “{demo['previous_cycle'].name}”")
    ).to_be_visible()
    domain_table = page.get_by_role("table", name="Scores by domain area")
    expect(domain_table).to_contain_text("Previous assessment")
    # every domain: 7 of 8 answered at 3 (one don't know) = 21/28 = 75%
    expect(domain_table.get_by_role("row", name=re.compile("Environment"))).to_contain_text("75%")
    expect(page.get_by_role("img", name="Scores by domain area")).to_be_visible()
    expect(page.locator("#not-applicable + p + h3 + ul")).to_contain_text(
        "Why: Our partner provider does the intensive support work."
    )
    check(page, "results")

    # The group writes what it found in words; the board report opens with it.
    page.get_by_role("link", name="2026 review").click()
    page.get_by_role("link", name=re.compile("^Reflections")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reflections")
    check(page, "reflections")
    page.get_by_role("link", name="Write reflections on Environment").click()
    check(page, "reflection")
    page.get_by_label("What are you proud of?").focus()
    page.keyboard.type("Tenants helped us redesign reception.")
    page.keyboard.press("Tab")
    page.keyboard.type("Small changes to the space matter before anyone speaks.")
    page.get_by_role("button", name="Save reflections").click()
    expect(page.get_by_text("Reflections saved.")).to_be_visible()
    expect(page.get_by_text("Tenants helped us redesign reception.")).to_be_visible()
    page.get_by_role("link", name="Back to the assessment").click()
    page.get_by_role("link", name="Board report", exact=True).click()
    story = page.locator("section[aria-labelledby=story]")
    expect(story).to_contain_text("Small changes to the space matter before anyone speaks.")
    expect(page.locator("nav.app-report-contents li").first).to_have_text(
        "What we found and what we will do"
    )
    check(page, "report-with-reflections")


def test_contributor_gives_their_view_and_the_lead_sees_it(page, demo, browser, live_server):
    organisation = demo["organisation"]
    sign_in(page, DEMO_PEOPLE[0].email, DEMO_PASSWORD)
    page.goto(f"/o/{organisation.slug}/assessments/new/")
    page.get_by_label("Name of this assessment").fill("2026 review")
    for field, value in zip(
        ["start_0", "start_1", "start_2", "end_0", "end_1", "end_2"],
        ["1", "4", "2026", "31", "3", "2027"],
        strict=True,
    ):
        page.locator(f"#id_period_{field}").fill(value)
    page.get_by_role("button", name="Start assessment").click()
    page.get_by_role("link", name="Ask colleagues for their views").click()
    check(page, "contributors")
    # one colleague: anonymous views would wait for three, so the lead chooses names first
    page.get_by_role("link", name="Change how colleagues' views are shown").click()
    check(page, "views-naming")
    page.get_by_label("With names").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("How colleagues' views are shown has been saved.")).to_be_visible()
    page.get_by_label("Dafydd Morgan").check()
    page.get_by_role("button", name="Invite to give views").click()
    expect(page.get_by_text("Dafydd Morgan can now give their views")).to_be_visible()
    cycle_url = page.url.replace("contributors/", "")

    other = browser.new_context(base_url=live_server.url)
    contributor = other.new_page()
    sign_in(contributor, DEMO_PEOPLE[1].email, DEMO_PASSWORD)
    contributor.goto(cycle_url)
    expect(contributor.get_by_text("You have been asked for your own view")).to_be_visible()
    assert_accessible(contributor, "contributor-hub")
    contributor.get_by_role("link", name="Readiness").click()
    expect(contributor.get_by_text("You are giving your own view")).to_be_visible()
    assert_accessible(contributor, "contributor-readiness")
    answer_all(contributor, "not_yet")
    contributor.get_by_role("button", name="Save and come back later").click()
    expect(contributor.get_by_text("Your answers have been saved")).to_be_visible()
    other.close()

    page.goto(cycle_url + "readiness/")
    expect(page.get_by_text("What colleagues said").first).to_be_visible()
    expect(page.get_by_text("Not yet: 1 person").first).to_be_visible()
    check(page, "readiness-with-views")


def test_board_member_reads_the_results_of_the_baseline(page, demo):
    organisation, previous = demo["organisation"], demo["previous_cycle"]
    sign_in(page, DEMO_PEOPLE[3].email, DEMO_PASSWORD)
    page.goto(f"/o/{organisation.slug}/assessments/{previous.pk}/results/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Results: {previous.name}")
    expect(
        page.get_by_role("link", name="Set target levels for the next assessment")
    ).to_have_count(0)
    check(page, "results-board")
