"""A feedback round from opening to the board report. The lead opens a round for people
who use the services and looks at its poster; six people answer anonymously on a
phone-sized screen (four one statement at a time, one of them by keyboard alone, one in
Welsh with all the statements on one page, one without JavaScript); the lead closes the
round, reads the comments and includes two; the results page and the board report's PDF
show what people said. axe on every page, and each public page at 320 px without sideways
scrolling."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.assessments.factories import submitted_cycle as make_submitted
from tests.browser.conftest import (
    _NO_JS_PAGES,
    assert_accessible,
    assert_accessible_and_narrow,
    sign_in,
)
from tests.conftest import client_for
from tests.reports.pdfs import pdf_download
from tests.reports.test_report import pdf_text
from voices.models import CommentDecision, FeedbackComment, FeedbackResponse

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
STATEMENTS = 3  # the lead keeps the first three statements offered
# Each person's answers to the three statements, and their comment.
PEOPLE = [
    (("Agree", "Agree", "Disagree"), "The staff at reception were kind."),
    (("Agree", "Not sure", "Disagree"), ""),
    (("Agree", "Agree", "Prefer not to say"), "Email me at jo@example.org about the letter."),
    (("Not sure", "Agree", "Disagree"), "The waiting room is too loud."),
]


@pytest.fixture
def cycle(framework_content, organisation, lead):
    return make_submitted(organisation, year=2025, score=2)


def phone(page, *, javascript=True, language="en"):
    context = page.context.browser.new_context(
        base_url=_base(page),
        java_script_enabled=javascript,
        viewport=PHONE,
    )
    context.set_default_timeout(10_000)
    if language != "en":
        context.add_cookies([{"name": "django_language", "value": language, "url": _base(page)}])
    tab = context.new_page()
    if not javascript:
        _NO_JS_PAGES.add(id(tab))
    return tab


def _base(page) -> str:
    return "/".join(page.url.split("/", 3)[:3])


def press(tab, key: str, times: int = 1) -> None:
    for _ in range(times):
        tab.keyboard.press(key)


def answer_by_keyboard(tab, link, answers, comment):
    """Tab to the first answer, arrow to the one wanted, Enter sends the page."""
    tab.goto(link)
    tab.get_by_role("button", name="Start").focus()
    press(tab, "Enter")
    for answer in answers:
        tab.wait_for_load_state()
        tab.locator("input[type=radio]").first.focus()
        press(
            tab, "ArrowDown", ("Agree", "Not sure", "Disagree", "Prefer not to say").index(answer)
        )
        press(tab, "Space")
        tab.get_by_role("button", name="Continue").focus()
        press(tab, "Enter")
    tab.wait_for_load_state()
    tab.get_by_label("Is there anything else you would like to tell us? (optional)").focus()
    tab.keyboard.type(comment)
    press(tab, "Tab")
    tab.get_by_role("button", name="Send your answers").focus()
    press(tab, "Enter")
    expect(tab.locator(".govuk-panel__title")).to_have_text("Thank you")
    tab.context.close()


def answer_one_at_a_time(tab, link, answers, comment, *, check=False):
    tab.goto(link)
    if check:
        assert_accessible_and_narrow(tab, "feedback-start")
    tab.get_by_role("button", name="Start").click()
    for number, answer in enumerate(answers, start=1):
        expect(tab.locator("legend .govuk-caption-l")).to_have_text(
            f"Statement {number} of {STATEMENTS}"
        )
        if check and number == 1:
            assert_accessible_and_narrow(tab, "feedback-statement")
        tab.get_by_label(answer, exact=True).check()
        tab.get_by_role("button", name="Continue").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Anything else?")
    if comment:
        tab.get_by_label("Is there anything else you would like to tell us? (optional)").fill(
            comment
        )
    if check:
        assert_accessible_and_narrow(tab, "feedback-comment")
    tab.get_by_role("button", name="Send your answers").click()
    expect(tab.locator(".govuk-panel__title")).to_have_text("Thank you")
    if check:
        assert_accessible_and_narrow(tab, "feedback-thanks")
    tab.context.close()


def test_a_round_from_opening_to_the_board_report(page, cycle, lead):
    slug = cycle.organisation.slug
    sign_in(page, lead.email, PASSWORD)
    page.goto(f"/o/{slug}/assessments/{cycle.pk}/")
    page.get_by_role("link", name="Feedback rounds: hear anonymously").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback rounds")
    assert_accessible(page, "rounds")

    page.get_by_role("link", name="Open a feedback round").click()
    assert_accessible(page, "round-audience")
    page.get_by_label("People who use our services").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People who use our services")
    assert_accessible(page, "round-open")
    boxes = page.locator("input[name=statements]")
    for index in range(STATEMENTS, boxes.count()):
        boxes.nth(index).uncheck()
    closes = timezone.localdate() + timedelta(days=14)
    page.locator("#id_closes_on_0").fill(str(closes.day))
    page.locator("#id_closes_on_1").fill(str(closes.month))
    page.locator("#id_closes_on_2").fill(str(closes.year))
    page.get_by_role("button", name="Open the round").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Feedback round opened")
    assert_accessible(page, "round-open-now")
    link = page.locator("#share ~ p a").first.get_attribute("href")

    page.get_by_role("link", name="The poster, in Welsh and English, with a QR code").click()
    expect(page.locator(".app-poster svg")).to_be_visible()
    assert_accessible_and_narrow(page, "poster")
    poster = page.locator(".app-poster")
    expect(poster.locator("[lang=cy] h2")).to_have_text(
        "Dywedwch wrthym sut brofiad yw defnyddio ein gwasanaethau"
    )
    expect(poster.locator("figcaption")).to_have_text(link)

    # Six people answer, on a phone.
    for number, (answers, comment) in enumerate(PEOPLE):
        if number == 3:
            answer_by_keyboard(phone(page), link, answers, comment)
        else:
            answer_one_at_a_time(phone(page), link, answers, comment, check=number == 0)
    welsh = phone(page, language="cy")
    welsh.goto(link)
    assert_accessible_and_narrow(welsh, "feedback-start-cy")
    welsh.get_by_label("Pob datganiad ar un dudalen").check()
    welsh.get_by_role("button", name="Dechrau").click()
    for statement in range(STATEMENTS):
        welsh.locator("fieldset").nth(statement).get_by_label("Cytuno", exact=True).check()
    welsh.get_by_label("Oes unrhyw beth arall", exact=False).fill("Diolch am ofyn.")
    assert_accessible_and_narrow(welsh, "feedback-all-cy")
    welsh.get_by_role("button", name="Anfon eich atebion").click()
    expect(welsh.locator(".govuk-panel__title")).to_have_text("Diolch")
    welsh.context.close()
    no_script = phone(page, javascript=False)
    answer_one_at_a_time(no_script, link, ("Disagree", "Agree", "Agree"), "", check=True)

    assert FeedbackResponse.objects.count() == 6
    assert sorted(FeedbackResponse.objects.values_list("language", flat=True)) == [
        "cy", "en", "en", "en", "en", "en",
    ]  # fmt: skip
    masked = FeedbackComment.objects.get(text__startswith="Email me")
    assert masked.text == "Email me at [email address removed] about the letter."

    # The lead closes the round and includes two comments.
    page.get_by_role("link", name="Back to the feedback round").click()
    expect(page.locator("#statement-figures")).to_be_visible()  # six answers: shown
    page.get_by_role("link", name="Close the round now").click()
    assert_accessible(page, "round-close")
    page.get_by_role("button", name="Close the round now").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Feedback round closed")
    for text in ("The staff at reception were kind.", "The waiting room is too loud."):
        comment = page.locator(".app-question", has_text=text)
        comment.get_by_role("button", name="Include").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("is saved")
    assert_accessible(page, "round-closed")
    assert FeedbackComment.objects.filter(decision=CommentDecision.INCLUDED).count() == 2

    page.goto(f"/o/{slug}/assessments/{cycle.pk}/results/")
    told_us = page.locator("#voices-1")  # the round's table by domain area
    expect(told_us).to_contain_text("in 10 people who use our services agreed")
    expect(page.locator("main")).to_contain_text("The waiting room is too loud.")
    expect(page.locator("main")).not_to_contain_text("Email me at")
    assert_accessible(page, "results-with-voices")

    pdf = pdf_text(
        pdf_download(
            client_for(lead), f"/o/{slug}/assessments/{cycle.pk}/report/report.pdf"
        ).getvalue()
    )
    assert "What people told us" in pdf
    assert "in 10 people who use our services agreed" in pdf
    assert "The staff at reception were kind." in pdf
