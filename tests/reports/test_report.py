"""The board report: who may see it, what the HTML and the PDF say (the same thing, read
back from the PDF with pypdf), that the PDF is tagged with its language, options, and a
fixed number of queries whatever the size of the plan."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from action_plans.models import PlanStatus
from assessments.models import (
    ConsensusSession,
    DomainReflection,
    Indicator,
    ReadinessItem,
    SessionItem,
)
from assessments.selectors.results import cycle_results
from framework.models import Domain
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import (
    add_contributor,
    answer_indicator,
    answer_readiness,
    org_response,
)
from tests.assessments.factories import submitted_cycle as make_submitted
from tests.conftest import ROLES, client_for
from tests.organisations.factories import MembershipFactory
from tests.reports.pdfs import pdf_download
from tests.workforce.factories import group_with_needs
from trauma_wales.kept import kept_clear
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role
from workforce.services import cycle_coverage_record, snapshot_refresh

pytestmark = pytest.mark.django_db
# What a made PDF holds and how it is laid out does not depend on the database (the data it
# is made from is read by the same selectors the HTML report's tests use on both).
PDF_ONLY = pytest.mark.database_independent

TEMPLATE_COLUMNS = [
    "Action",
    "Responsibility",
    "Timescale for completion",
    "Resources required",
    "Outcome",
]


@pytest.fixture
def cycle(organisation, framework_content):
    make_submitted(organisation, year=2024, score=1)
    cycle = make_submitted(organisation, year=2025)
    response = org_response(cycle)
    answer_indicator(response, "policy-01", score=0, priority=True, evidence="Letters are old")
    answer_indicator(response, "environment-02", score=4, evidence="New quiet room")
    return cycle


@pytest.fixture
def plan(cycle):
    plan = PlanFactory(cycle=cycle, status=PlanStatus.APPROVED)
    today = timezone.localdate()
    for n in range(5):
        ActionFactory(
            plan=plan,
            description=f"Report action number {n}",
            target_date=today + timedelta(days=30 * (n - 1)),
        )
    return plan


def report_url(cycle, name="reports:report", query=""):
    url = reverse(name, args=[cycle.organisation.slug, cycle.pk])
    return f"{url}?{query}" if query else url


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("role", ROLES)
def test_every_member_can_read_the_html_report(cycle, member_for_role, role):
    response = client_for(member_for_role(role)).get(report_url(cycle))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_leads_reviewers_and_board_members_download_the_pdf(cycle, member_for_role, role):
    url = report_url(cycle, "reports:pdf", "version=summary&language=en")
    response = pdf_download(client_for(member_for_role(role)), url)
    expected = 403 if role == Role.CONTRIBUTOR else 200
    assert response.status_code == expected
    downloads = AuditEntry.objects.filter(action="report.downloaded")
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        entry = downloads.get()
        assert (entry.organisation_id, entry.target_id, entry.details) == (
            cycle.organisation_id,
            str(cycle.pk),
            {"cycle": cycle.name, "version": "summary", "language": "en"},
        )
    else:
        assert not downloads.exists()


@pytest.mark.parametrize("name", ["reports:report", "reports:pdf"])
def test_another_organisation_gets_404_and_signed_out_goes_to_sign_in(
    cycle, outsider, client, name
):
    assert client_for(outsider).get(report_url(cycle, name)).status_code == 404
    assert client.get(report_url(cycle, name)).status_code == 302


def test_another_organisations_cycle_through_your_own_slug_is_404(cycle, other_organisation, board):
    theirs = make_submitted(other_organisation, year=2025)
    url = reverse("reports:report", args=[cycle.organisation.slug, theirs.pk])
    assert client_for(board).get(url).status_code == 404


@PDF_ONLY
def test_the_pdf_says_what_the_results_page_says(cycle, plan, board):
    text = pdf_text(pdf_download(client_for(board), report_url(cycle, "reports:pdf")).getvalue())
    assert cycle.organisation.name in text
    positions = [text.find(heading) for heading in TEMPLATE_COLUMNS]
    assert -1 not in positions and positions == sorted(positions)
    heading_row = re.search(
        r"Action Responsibility Timescale (for )?completion Resources required Outcome Status "
        r"Progress",
        text.replace("\n", " "),
    )
    assert heading_row, "the plan table's headings are not in the template's order"
    for action in plan.actions.all():
        assert action.description in text
    results = cycle_results(cycle=cycle)
    for score in results.scores.domains:
        assert re.search(rf"{re.escape(score.name)} {score.percentage}%", text), score.name
    assert f"{results.scores.overall.percentage}%" in text
    assert "Letters are old" in text


@PDF_ONLY
def test_the_html_report_the_pdf_and_the_csv_agree(cycle, plan, lead):
    answer_indicator(
        org_response(cycle), "workforce-04", not_applicable=True, evidence="Partners do it"
    )
    client = client_for(lead)
    html = client.get(report_url(cycle)).content.decode()
    pdf = pdf_text(pdf_download(client, report_url(cycle, "reports:pdf")).getvalue())
    csv_response = client.get(report_url(cycle, "assessments:results_csv"))
    rows = list(csv.reader(io.StringIO(csv_response.getvalue().decode("utf-8-sig"))))
    in_csv = {row[1]: row for row in rows if row[0] == "Domain area"}

    assert len(in_csv) == 6
    for name, row in in_csv.items():
        percentage, rated, applicable, not_applicable = row[2], row[4], row[5], row[7]
        assert re.search(rf"{re.escape(name)} {percentage}%", pdf.replace("\n", " ")), name
        cells = rf"{re.escape(name)}</th>\s*<td[^>]*>{percentage}%</td>\s*<td[^>]*>"
        counts = rf"{rated} of {applicable}</td>\s*<td[^>]*>{row[6]}</td>\s*<td[^>]*>"
        assert re.search(cells + counts + rf"{not_applicable}</td>", html), name
    assert in_csv["Workforce development and wellbeing"][7] == "1"
    assert "Partners do it" in pdf and "Partners do it" in html
    assert any(row[0] == "Not applicable" and row[-1] == "Partners do it" for row in rows)


def test_the_html_report_shows_the_same_figures(cycle, plan, reviewer):
    page = client_for(reviewer).get(report_url(cycle)).content.decode()
    results = cycle_results(cycle=cycle)
    for score in results.scores.domains:
        assert f"{score.percentage}%" in page
    for action in plan.actions.all():
        assert action.description in page
    for heading in TEMPLATE_COLUMNS:
        assert f">{heading}</th>" in page


@PDF_ONLY
def test_the_pdf_is_tagged_titled_and_declares_its_language(cycle, plan, board):
    url = report_url(cycle, "reports:pdf", "version=summary&language=cy")
    content = pdf_download(client_for(board), url).getvalue()
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "cy"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert cycle.organisation.name in reader.metadata.title
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    alternatives = []

    def walk(node):
        node = node.get_object()
        if node.get("/S") == "/Figure":
            alternatives.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            kid = kid.get_object()
            if hasattr(kid, "get"):
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert any(alt.startswith("Sgoriau fesul maes:") for alt in alternatives)
    assert not any("Scores by" in alt for alt in alternatives)


@PDF_ONLY
def test_the_board_summary_leaves_out_the_detail(cycle, plan, board):
    summary = client_for(board).get(report_url(cycle, query="version=summary&language=en"))
    page = summary.content.decode()
    assert "Board summary" in page
    assert "Domains areas in detail" not in page and 'id="detail"' not in page
    assert "Report action number 0" in page
    summary_pdf = report_url(cycle, "reports:pdf", "version=summary&language=en")
    text = pdf_text(pdf_download(client_for(board), summary_pdf).getvalue())
    assert "Letters are old" not in text and "Report action number 0" in text


@pytest.mark.parametrize(
    "query", ["version=everything&language=en", "version=full&language=fr", "language="]
)
def test_bad_options_show_an_error_and_the_full_report(cycle, plan, board, query):
    response = client_for(board).get(report_url(cycle, query=query))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'id="detail"' in page


def test_a_welsh_report_on_an_english_page_is_marked_welsh_and_the_page_stays_english(
    cycle, plan, board
):
    client = client_for(board)
    page = client.get(report_url(cycle, query="version=full&language=cy"))
    html = page.content.decode()
    assert '<html lang="en"' in html
    assert page["Content-Language"] == "en"
    assert '<div class="app-report" lang="cy">' in html
    assert "Adroddiad i&#x27;r bwrdd" in html or "Adroddiad i'r bwrdd" in html
    # the options belong to the page, so they stay in its language
    assert '<div lang="en">' in html
    assert "Download this report as a PDF" in html
    # and choosing a Welsh report does not switch the site to Welsh
    assert "django_language" not in page.cookies
    assert '<html lang="en"' in client.get(reverse("home")).content.decode()


def test_an_english_report_on_a_welsh_page_is_marked_english(cycle, plan, board):
    client = client_for(board)
    client.cookies["django_language"] = "cy"
    html = client.get(report_url(cycle, query="version=full&language=en")).content.decode()
    assert '<html lang="cy"' in html
    assert '<div class="app-report" lang="en">' in html
    assert ">Board report: " in html


def test_user_text_is_escaped_in_the_html(cycle, plan, board):
    action = plan.actions.first()
    action.description = '<img src="http://127.0.0.1:9/x"> & <script>alert(1)</script>'
    action.save()
    page = client_for(board).get(report_url(cycle)).content.decode()
    assert "&lt;img src=&quot;http://127.0.0.1:9/x&quot;&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_workforce_figures_show_to_the_board_but_not_to_contributors(
    cycle, plan, lead, contributor, board
):
    group_with_needs(cycle.organisation, trained={"aware": 3, "skilled": 1}, headcount=8)
    snapshot_refresh(organisation=cycle.organisation, actor=lead, today=timezone.localdate())
    cycle_coverage_record(cycle=cycle)
    board_page = client_for(board).get(report_url(cycle)).content.decode()
    contributor_page = client_for(contributor).get(report_url(cycle)).content.decode()
    assert 'id="workforce"' in board_page and "Training by practice level" in board_page
    assert "4 of 16" in board_page  # 3 + 1 trained of 8 + 8 needed
    assert 'id="workforce"' not in contributor_page
    assert "Workforce training" not in contributor_page


@PDF_ONLY
def test_bad_options_for_the_pdf_give_the_full_report(cycle, board):
    url = report_url(cycle, "reports:pdf", "version=all&language=xx")
    response = pdf_download(client_for(board), url)
    assert response.status_code == 200
    assert "Domain areas in detail" in pdf_text(response.getvalue())


def test_a_cycle_without_a_plan_or_answers_still_makes_a_report(organisation, board):
    from tests.assessments.factories import CycleFactory

    cycle = CycleFactory(organisation=organisation)
    assert client_for(board).get(report_url(cycle)).status_code == 200
    text = pdf_text(pdf_download(client_for(board), report_url(cycle, "reports:pdf")).getvalue())
    assert "There is no action plan for this assessment yet." in text


def _grow(cycle, plan, size):
    owner = MembershipFactory(organisation=cycle.organisation, role=Role.LEAD)
    for n in range(size):
        ActionFactory(plan=plan, responsible_member=owner if n % 2 else None)
    for _ in range(min(size, 4)):
        add_contributor(cycle)
    for domain in Domain.objects.filter(framework=cycle.framework)[: min(size, 6)]:
        DomainReflection.objects.create(cycle=cycle, domain=domain, proud="Reception")
    indicators = list(Indicator.objects.filter(framework=cycle.framework)[: min(size, 20)])
    for day in range(1, min(size, 10) + 1):
        session = ConsensusSession.objects.create(cycle=cycle, held_on=date(2026, 6, day))
        session.members.add(owner.user)
        SessionItem.objects.bulk_create(
            SessionItem(session=session, indicator=i, outcome="agreed", score=2) for i in indicators
        )


@pytest.mark.parametrize("size", [5, 40])
def test_report_query_count_does_not_grow(cycle, plan, board, size, django_assert_num_queries):
    _grow(cycle, plan, size)
    client = client_for(board)
    client.get(report_url(cycle))
    with django_assert_num_queries(6):  # the body as kept (trauma_wales.kept); peers version
        client.get(report_url(cycle))
    kept_clear()
    with django_assert_num_queries(40):  # built again (any closed feedback rounds; peers: 2)
        client.get(report_url(cycle))


def _struct_elements(node, parents=()):
    """(element, its ancestors' tags) for every element of a PDF's structure tree."""
    node = node.get_object()
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object()
        if hasattr(kid, "get") and kid.get("/S"):
            yield kid, parents
            yield from _struct_elements(kid, (*parents, kid["/S"]))


@PDF_ONLY
def test_the_full_pdf_has_no_near_empty_page_and_well_formed_tags(cycle, plan, board):
    """With a previous cycle (a legend under each chart): the legend's key once grew into a
    black block half a page high, pushing a table's last rows, or one sentence, onto a page
    of their own; a visually hidden caption was tagged as tables nested inside the table."""
    url = report_url(cycle, "reports:pdf", "version=full&language=en")
    reader = PdfReader(io.BytesIO(pdf_download(client_for(board), url).getvalue()))
    for number, page in enumerate(reader.pages[1:], start=2):
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        body = " ".join(lines[1:-1])  # without the running header and the page number
        assert len(body) > 250, f"page {number} of {len(reader.pages)} is nearly empty: {body}"
    elements = list(_struct_elements(reader.trailer["/Root"]["/StructTreeRoot"]))
    assert [e for e, parents in elements if e["/S"] == "/Table" and "/Table" in parents] == []
    assert [e for e, _parents in elements if e["/S"] == "/Figure" and not e.get("/Alt")] == []
    captions = [e for e, parents in elements if e["/S"] == "/Caption" and "/Table" in parents]
    assert len(captions) >= 10  # readiness, two scores, targets, six domains, the plan


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (PlanStatus.DRAFT, "Being written: not yet sent for review"),
        (PlanStatus.IN_REVIEW, "With a reviewer: not yet approved"),
        (PlanStatus.CHANGES_REQUESTED, "Being changed after review: not yet approved"),
    ],
)
def test_the_cover_says_in_plain_words_where_an_unapproved_plan_is(cycle, board, status, said):
    PlanFactory(cycle=cycle, status=status)
    page = client_for(board).get(report_url(cycle)).content.decode()
    assert said in page
    assert "Draft, not yet approved" not in page


def test_dont_know_answers_are_listed_as_something_to_find_out(cycle, board):
    """Issue 16: the question pages promise "Don't know" is "shown as something to find
    out"; the results page and the report list those questions, indicators and readiness."""
    response = org_response(cycle)
    answer_indicator(response, "workforce-03", dont_know=True)
    answer_readiness(response, "voice-02", "dont_know")
    kept_clear()
    indicator = Indicator.objects.get(framework=cycle.framework, code="workforce-03")
    item = ReadinessItem.objects.get(framework=cycle.framework, code="voice-02")
    results_url = reverse("assessments:results", args=[cycle.organisation.slug, cycle.pk])

    for url in (report_url(cycle), results_url):
        page = client_for(board).get(url).content.decode()
        listed = page.split('id="find-out"')[1].split("<h2 ")[0]
        assert indicator.text_en in listed and item.text_en in listed, url

    answer_indicator(response, "workforce-03", score=2)
    answer_readiness(response, "voice-02", "yes")
    kept_clear()
    page = client_for(board).get(report_url(cycle)).content.decode()
    assert "No question was answered “Don't know”." in page


def test_principle_scores_are_in_the_full_report_only_and_say_their_names_are_ours(cycle, board):
    """Issue 16: the principle names are the product's summary of the framework's Figure 2
    until checked, so they are marked as such and left out of the board summary."""
    caveat = "they have not yet been checked against the framework"
    summary = (
        client_for(board)
        .get(report_url(cycle, query="version=summary&language=en"))
        .content.decode()
    )
    full = (
        client_for(board).get(report_url(cycle, query="version=full&language=en")).content.decode()
    )
    results_url = reverse("assessments:results", args=[cycle.organisation.slug, cycle.pk])
    results = client_for(board).get(results_url).content.decode()

    assert 'id="principles"' not in summary and caveat not in summary
    assert 'id="principles"' in full and caveat in full
    assert caveat in results
