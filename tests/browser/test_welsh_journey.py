"""The whole journey in Welsh: a lead signs up on a Welsh page, confirms the address from
the Welsh email and signs in, registers the
organisation, answers readiness and a domain area, submits, reads the results, builds an
action; a Welsh-speaking reviewer signs in (and gets Welsh without choosing it) and
approves; the lead downloads the Welsh board report. On every page axe finds nothing and
under 2% of the text is the same as on the English page (leaving out what people typed
and names); the PDF is read back and checked the same way. With JavaScript only: the
pages are the same server HTML as in the other journeys, which also run without it."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import User
from assessments.models import AssessmentCycle
from organisations.models import Membership
from tests.accounts.factories import PASSWORD, UserFactory
from tests.assessments.factories import answer_everything, org_response
from tests.browser.conftest import assert_accessible
from tests.browser.welsh import assert_welsh, cy, english_left
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db(transaction=True)

LEAD_NAME, LEAD_EMAIL = "Elin Roberts", "elin@ysgol-glan-mor.example"
ORGANISATION = "Ysgol Glan Môr"
CYCLE = "Asesiad cyntaf"
PLAN = "Dod yn ysgol sy'n ystyriol o drawma"
ACTION = "Hyfforddi pob aelod o staff y dderbynfa"
OUTCOME = "Mae ymwelwyr yn dweud bod y dderbynfa'n dawel ac yn groesawgar"
REVIEWER_NAME = "Gwyn Davies"
# What people typed and names: the same in both languages, so not counted.
TYPED = [LEAD_NAME, LEAD_EMAIL, ORGANISATION, CYCLE, PLAN, ACTION, OUTCOME, REVIEWER_NAME]


@pytest.fixture
def welsh_page(browser, live_server):
    """A page with JavaScript, plus a second signed-in tab that shows the English."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1100, "height": 900})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def english_twin(page, browser, live_server):
    """A tab with the same session as `page`, in English, to compare against."""
    cookies = [c for c in page.context.cookies() if c["name"] != "django_language"]
    host = re.sub(r"^https?://", "", live_server.url).split(":")[0]
    cookies.append({"name": "django_language", "value": "en", "domain": host, "path": "/"})
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(cookies)
    return context.new_page()


def check(page, twin, name):
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    # Colour contrast is the stylesheet's, checked on these templates by the English
    # journeys; every other WCAG 2.2 AA rule runs on the Welsh page (docs/adr/0004).
    assert_accessible(page, f"cy-{name}", contrast=False)
    assert_welsh(page, twin, TYPED)


def fill_date(page, field, day):
    for part, value in enumerate([day.day, day.month, day.year]):
        page.locator(f"#id_{field}_{part}").fill(str(value))


def pdf_lines(content: bytes) -> list[tuple[str, str]]:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return [(line.strip(), "cy") for line in text.splitlines() if line.strip()]


def test_the_whole_journey_in_welsh(welsh_page, browser, live_server, framework_content):
    page = welsh_page
    today = timezone.localdate()

    # A Welsh speaker arrives and chooses Cymraeg
    page.goto("/")
    page.get_by_role("button", name="Cymraeg").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    twin = english_twin(page, browser, live_server)
    check(page, twin, "start")

    # ... creates an account (remembered as Welsh)
    page.goto("/accounts/sign-up/")
    check(page, twin, "sign-up")
    page.locator("main").get_by_role("button", name=cy("Create account")).click()
    expect(page).to_have_title(re.compile(f"^{cy('Error:')} "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(cy("There is a problem"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(cy("Enter your full name"))
    check(page, twin, "sign-up-errors")
    page.get_by_label(cy("Full name")).fill(LEAD_NAME)
    page.get_by_label(cy("Email address")).fill(LEAD_EMAIL)
    page.get_by_label(cy("Create a password")).fill(PASSWORD)
    page.get_by_label(cy("Confirm your password")).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=cy("Create account")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Check your email"))
    assert User.objects.get(email=LEAD_EMAIL).language == "cy"
    twin.context.close()
    twin = english_twin(page, browser, live_server)  # asking for an account began a session
    check(page, twin, "sign-up-sent")

    # ... confirms the address from the Welsh email, then signs in
    confirmation = next(m for m in mail.outbox if LEAD_EMAIL in m.to)
    assert confirmation.subject == cy("Confirm your email address")
    page.goto(re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", confirmation.body)[1])
    check(page, twin, "confirm-email")
    page.locator("main").get_by_role("button", name=cy("Confirm email address")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        cy("Your email address is confirmed. You can now sign in.")
    )
    page.get_by_label(cy("Email address")).fill(LEAD_EMAIL)
    page.get_by_label(cy("Password")).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=cy("Sign in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Your organisations"))
    twin.context.close()
    twin = english_twin(page, browser, live_server)  # signed in: a new session key
    check(page, twin, "home")

    # ... registers the organisation
    page.get_by_role("link", name=cy("Register an organisation")).click()
    check(page, twin, "register")
    page.get_by_label(cy("Organisation name")).fill(ORGANISATION)
    page.get_by_label(cy("Education")).check()
    page.locator("input[name=size_band]").first.check()
    page.locator("main").get_by_role("button", name=cy("Register organisation")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANISATION)
    twin.context.close()
    twin = english_twin(page, browser, live_server)  # a new role gave a new session key
    check(page, twin, "overview")
    organisation = Membership.objects.get(user__email=LEAD_EMAIL).organisation
    reviewer = UserFactory(full_name=REVIEWER_NAME, language="cy")
    Membership.objects.create(organisation=organisation, user=reviewer, role=Role.REVIEWER)

    # ... starts an assessment and answers readiness and the first domain area
    page.goto(f"/o/{organisation.slug}/assessments/new/")
    check(page, twin, "cycle-start")
    page.get_by_label(cy("Name of this assessment")).fill(CYCLE)
    fill_date(page, "period_start", today.replace(month=4, day=1))
    fill_date(page, "period_end", today.replace(year=today.year + 1, month=3, day=31))
    page.get_by_role("button", name=cy("Start assessment")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CYCLE)
    check(page, twin, "hub")
    page.get_by_role("link", name=cy("Readiness"), exact=True).click()
    check(page, twin, "readiness")
    for _part in range(6):  # one page for each of the six readiness themes
        radios = page.locator("input[type=radio][value='yes']")
        for index in range(radios.count()):
            radios.nth(index).check()
        page.get_by_role("button", name=cy("Save and continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arweinyddiaeth a llywodraethu")
    check(page, twin, "domain")
    radios = page.locator("input[type=radio][value='1']")
    for index in range(radios.count()):
        radios.nth(index).check()
    page.get_by_role("button", name=cy("Save and come back later")).click()
    expect(
        page.get_by_text(cy("Your answers have been saved. You can come back at any time."))
    ).to_be_visible()

    # The other five areas are answered as before (the assessment journey does them by hand)
    cycle = AssessmentCycle.objects.get(organisation=organisation)
    response = org_response(cycle)
    answered = set(response.indicator_answers.values_list("indicator_id", flat=True))
    response.indicator_answers.all().delete()
    response.readiness_answers.all().delete()
    answer_everything(response, score=2)
    response.indicator_answers.filter(indicator_id__in=answered).update(score=1)

    page.goto(f"/o/{organisation.slug}/assessments/{cycle.pk}/check/")
    check(page, twin, "check-answers")
    page.get_by_role("button", name=cy("Submit assessment")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(CYCLE)
    expect(page.get_by_role("img", name=cy("Scores by domain area"))).to_be_visible()
    check(page, twin, "results")

    # ... builds the action plan with one action and submits it for review
    page.goto(f"/o/{organisation.slug}/assessments/{cycle.pk}/plan/")
    page.get_by_role("link", name=cy("Create the action plan")).click()
    check(page, twin, "plan-create")
    page.get_by_label(cy("Title of the plan")).fill(PLAN)
    page.get_by_role("button", name=cy("Create plan")).click()
    check(page, twin, "suggestions")
    page.get_by_role("link", name=cy("Back to the plan")).click()
    page.get_by_role("link", name=cy("Add an action")).click()
    check(page, twin, "action-add")
    page.get_by_label(cy("Action"), exact=True).fill(ACTION)
    page.get_by_label(cy("Who is responsible?")).select_option(label=LEAD_NAME)
    fill_date(page, "target_date", today + timedelta(days=90))
    page.get_by_role("button", name=cy("Save action")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(cy("There is a problem"))
    check(page, twin, "action-errors")
    page.get_by_label(cy("Outcome"), exact=True).fill(OUTCOME)
    page.get_by_label("Datblygu'r gweithlu a llesiant", exact=True).check()
    page.get_by_role("button", name=cy("Save action")).click()
    expect(page.get_by_text(cy("Action saved."))).to_be_visible()
    check(page, twin, "plan-draft")
    page.get_by_role("link", name=ACTION).click()
    check(page, twin, "action")
    page.get_by_role("link", name=cy("Back to the plan")).click()
    page.get_by_role("button", name=cy("Submit the plan for review")).click()
    expect(
        page.get_by_text(cy("The plan has been sent for review. Reviewers have been emailed."))
    ).to_be_visible()
    check(page, twin, "plan-submitted")
    review_email = next(m for m in mail.outbox if reviewer.email in m.to)
    assert review_email.subject.startswith("Cynllun gweithredu"), review_email.subject
    assert "Action plan" not in review_email.subject + review_email.body

    # The reviewer signs in on a fresh browser, in English: their Welsh comes with them
    other = browser.new_context(base_url=live_server.url)
    reviewer_page = other.new_page()
    reviewer_page.goto("/accounts/sign-in/")
    reviewer_page.get_by_label("Email address").fill(reviewer.email)
    reviewer_page.get_by_label("Password").fill(PASSWORD)
    reviewer_page.locator("main").get_by_role("button", name="Sign in").click()
    expect(reviewer_page.locator("html")).to_have_attribute("lang", "cy")
    reviewer_twin = english_twin(reviewer_page, browser, live_server)
    reviewer_page.goto(f"/o/{organisation.slug}/assessments/{cycle.pk}/plan/")
    check(reviewer_page, reviewer_twin, "plan-to-review")
    reviewer_page.get_by_label(cy("Approve the plan")).check()
    reviewer_page.get_by_role("button", name=cy("Send decision")).click()
    expect(
        reviewer_page.get_by_text(cy("The plan is approved. The lead has been emailed."))
    ).to_be_visible()
    check(reviewer_page, reviewer_twin, "plan-approved")
    other.close()

    # The lead reads the board report and downloads the Welsh PDF
    page.goto(f"/o/{organisation.slug}/assessments/{cycle.pk}/report/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(CYCLE)
    check(page, twin, "report")
    link = page.get_by_role("link", name=cy("Download this report as a PDF"))
    expect(link).to_have_attribute("href", re.compile(r"language=cy$"))
    link.click()  # the first time, it is being prepared (tasks run at once in tests)
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Your report is being prepared"))
    # (not compared with its English twin: by now the PDF is made, so that tab would get it)
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.locator("main")).to_contain_text(cy("in Welsh"))
    assert_accessible(page, "cy-report-pdf-being-prepared", contrast=False)
    with page.expect_download() as download_info:
        page.get_by_role("button", name=cy("Check again")).click()
    welsh_pdf = download_info.value.path().read_bytes()
    reader = PdfReader(io.BytesIO(welsh_pdf))
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    english_url = (
        f"/o/{organisation.slug}/assessments/{cycle.pk}/report/report.pdf?version=full&language=en"
    )
    twin.context.request.get(english_url)  # queued, and made
    english_pdf = twin.context.request.get(english_url).body()
    share, same = english_left(pdf_lines(welsh_pdf), pdf_lines(english_pdf), TYPED)
    assert share < 0.02, f"{share:.1%} of the Welsh PDF is English: {same}"
    assert "Board report" not in "\n".join(line for line, _lang in pdf_lines(welsh_pdf))
