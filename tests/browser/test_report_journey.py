"""A board member reads the board report: from the assessments list to the cycle's page and
its report, with the summary compared with last year and the plan's actions in the
template's columns; chooses the shorter board summary, then asks for it as a PDF: it is
being prepared, the worker makes it, and "Check again" downloads it. A contributor reads
the report but cannot download it. With JavaScript, which changes nothing on these pages
(the "Check again" button is a plain form); axe on every page."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from action_plans.models import DeliveryStatus, PlanStatus, PlanStatusChange
from tests.accounts.factories import PASSWORD
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import add_contributor, answer_indicator, org_response
from tests.assessments.factories import submitted_cycle as make_submitted
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

TEMPLATE_COLUMNS = [
    "Action",
    "Responsibility",
    "Timescale for completion",
    "Resources required",
    "Outcome",
]
OVERDUE = "Rewrite the appointment letters in plain, calm language"


@pytest.fixture
def cycle(framework_content, organisation, lead, reviewer, contributor):
    """2025 rated 2 throughout (50%) after a 2024 baseline rated 1 (25%), a colleague's
    view, and an approved plan of three actions: one overdue, one on track, one done."""
    make_submitted(organisation, year=2024, score=1)
    cycle = make_submitted(organisation, year=2025, score=2, submitted_by=lead)
    response = org_response(cycle)
    answer_indicator(response, "policy-01", score=0, priority=True, evidence="Letters are old")
    answer_indicator(response, "environment-02", score=4, evidence="New quiet room")
    answer_indicator(add_contributor(cycle, contributor), "policy-01", score=1)

    plan = PlanFactory(cycle=cycle, status=PlanStatus.APPROVED)
    PlanStatusChange.objects.create(
        plan=plan,
        from_status=PlanStatus.IN_REVIEW,
        to_status=PlanStatus.APPROVED,
        revision=plan.revision,
        actor=reviewer,
    )
    today = timezone.localdate()
    ActionFactory(plan=plan, description=OVERDUE, target_date=today - timedelta(days=30))
    ActionFactory(
        plan=plan,
        description="Train front-line staff to be trauma-skilled",
        target_date=today + timedelta(days=90),
        resources="Two training days",
        delivery_status=DeliveryStatus.IN_PROGRESS,
    )
    ActionFactory(
        plan=plan,
        description="Make the reception area calmer and quieter",
        target_date=today - timedelta(days=60),
        delivery_status=DeliveryStatus.COMPLETED,
    )
    return cycle


def check(page, name):
    page.wait_for_load_state()
    assert_accessible(page, name)


def pdf_text(path) -> str:
    with open(path, "rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_board_member_reads_the_report_chooses_the_summary_and_downloads_it(
    page, cycle, board, lead, reviewer, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    organisation = cycle.organisation
    sign_in(page, board.email, PASSWORD)
    page.goto(f"/o/{organisation.slug}/assessments/")
    page.get_by_role("link", name="2025 assessment", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2025 assessment")
    page.get_by_role("link", name="Board report", exact=True).click()

    # The full report
    expect(page.get_by_role("heading", level=1)).to_have_text("Board report: 2025 assessment")
    expect(page).to_have_title(re.compile(r"^Board report"))
    main = page.locator("main")
    expect(main.get_by_text(f"Approved by {reviewer.full_name}").first).to_be_visible()
    summary = main.locator("section", has=page.locator("h2#summary"))
    expect(summary).to_contain_text("Overall, the organisation scored 50% of the highest")
    expect(summary).to_contain_text("That is 25 points higher than in “2024 assessment”.")
    expect(summary).to_contain_text(
        "The action plan has 3 actions: 1 on track, 1 overdue and 1 completed."
    )
    expect(summary).to_contain_text("1 colleague gave their own view")
    domains = page.get_by_role("table", name="Scores by domain area")
    expect(domains).to_contain_text("Previous assessment")
    expect(page.get_by_role("img", name=re.compile("^Scores by domain area"))).to_be_visible()
    expect(page.get_by_role("heading", name="Domain areas in detail")).to_be_visible()
    expect(main.get_by_text("Letters are old")).to_be_visible()
    actions = page.get_by_role("table", name="Actions, overdue first")
    headings = actions.locator("thead th")
    expect(headings.first).to_have_text(TEMPLATE_COLUMNS[0])
    assert headings.all_inner_texts()[:5] == TEMPLATE_COLUMNS
    expect(actions.locator("tbody tr")).to_have_count(3)
    expect(actions.locator("tbody tr").first).to_contain_text(OVERDUE)
    expect(actions.locator("tbody tr").first).to_contain_text("Overdue")
    signoff = main.locator("section", has=page.locator("h2#sign-off"))
    expect(signoff).to_contain_text(f"{lead.full_name}, who submitted the assessment")
    expect(signoff).to_contain_text(f"{reviewer.full_name}, who approved the action plan")

    # The shorter board summary, chosen from the options (a native <details>). axe checks
    # the full report once, with the options open, as axe on this long page takes seconds.
    options = main.locator("details.govuk-details", has_text="Choose a shorter board summary")
    expect(options).not_to_have_attribute("open", "")
    expect(page.get_by_label("Board summary: cover")).to_be_hidden()
    options.locator("summary").click()
    expect(page.get_by_label("Board summary: cover")).to_be_visible()
    expect(page.get_by_label("Full report: everything")).to_be_checked()
    expect(page.get_by_label("English")).to_be_checked()
    check(page, "report-full")
    page.get_by_label("Board summary: cover").check()
    page.get_by_role("button", name="Show this report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Board summary: 2025 assessment")
    expect(page).to_have_url(re.compile(r"version=summary"))
    expect(page.get_by_role("heading", name="Domain areas in detail")).to_have_count(0)
    expect(page.locator("#detail")).to_have_count(0)
    expect(main.get_by_text("Letters are old")).to_have_count(0)
    expect(page.get_by_role("table", name="Actions, overdue first")).to_be_visible()
    check(page, "report-summary")

    # ... and downloads it. The worker makes the PDF (the database queue here, as in
    # production): the first time, a page says it is being prepared, with a button to check
    # again (a plain form: no JavaScript needed, and nothing reloads by itself)...
    link = page.get_by_role("link", name="Download this report as a PDF")
    expect(link).to_have_attribute("href", re.compile(r"report\.pdf\?version=summary&language=en$"))
    link.click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Your report is being prepared")
    expect(page).to_have_title(re.compile(r"^Your report is being prepared \W 2025 assessment"))
    expect(main).to_contain_text("the board summary for “2025 assessment”, in English")
    check(page, "report-pdf-being-prepared")
    page.get_by_role("button", name="Check again").click()  # not made yet: asked again
    expect(heading).to_have_text("Your report is being prepared")
    expect(main).to_contain_text("Last checked:")

    # ... the worker makes it, and "Check again" (by keyboard) downloads it
    call_command("db_worker", batch=True, verbosity=0)
    page.get_by_role("button", name="Check again").focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename.endswith("-summary.pdf")
    text = pdf_text(download.path())
    assert organisation.name in text
    assert "Board summary" in text
    assert OVERDUE in text
    assert "Domain areas in detail" not in text


def test_contributor_reads_the_report_but_cannot_download_it(page, cycle, contributor):
    organisation = cycle.organisation
    sign_in(page, contributor.email, PASSWORD)
    page.goto(f"/o/{organisation.slug}/assessments/{cycle.pk}/results/")
    page.get_by_role("link", name=re.compile("^The board report")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Board report: 2025 assessment")
    expect(page.get_by_role("table", name="Actions, overdue first")).to_be_visible()
    expect(page.get_by_role("link", name="Download this report as a PDF")).to_have_count(0)
    expect(page.locator("a[href*='report.pdf']")).to_have_count(0)
    check(page, "report-contributor")
