"""Board report PDFs made by the worker and kept (docs/adr/0011): the download serves the
kept PDF while the report's data is unchanged, says "being prepared" (once queued, in
either language, without JavaScript) when it is not, shows a failure and tries again,
removes what a newer PDF supersedes, and prepares every PDF ahead when a cycle is
submitted or its plan changes. Tasks run at once in tests; "the worker runs" below means
the request's on-commit callbacks are run.

These tests are about when a PDF is made, kept, served and removed, so WeasyPrint is
replaced by a quick stand-in that makes a different small file for each HTML; the tests
marked `real_pdf` use WeasyPrint itself (what it draws is tests/reports/test_report.py's
subject)."""

import hashlib
import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from action_plans.models import PlanStatus
from action_plans.services import action_save
from assessments.models import CycleStatus
from assessments.services.cycles import cycle_submit
from framework.models import Domain
from reports import services as report_services
from reports.documents import Variant, downloadable_variants, report_document
from reports.models import RenderStatus, StoredReport
from reports.pdf import RenderedPdf
from reports.selectors import FULL, SUMMARY
from reports.services import (
    reports_prepare,
    stored_report_render,
    stored_report_request,
    stored_report_retry,
)
from reports.storage import report_storage
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import (
    CycleFactory,
    add_contributor,
    answer_everything,
    answer_indicator,
    org_response,
    submitted_cycle,
)
from tests.conftest import client_for
from tests.organisations.factories import MembershipFactory
from tests.reports.pdfs import pdf_download
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

FULL_EN = Variant(FULL, "en", True)


@pytest.fixture
def cycle(organisation, framework_content):
    submitted_cycle(organisation, year=2024, score=1)
    cycle = submitted_cycle(organisation, year=2025)
    answer_indicator(org_response(cycle), "policy-01", score=0, evidence="Letters are old")
    plan = PlanFactory(cycle=cycle, status=PlanStatus.APPROVED)
    ActionFactory(plan=plan, description="Rewrite the letters")
    return cycle


def pdf_url(cycle, query="version=full&language=en"):
    return f"{reverse('reports:pdf', args=[cycle.organisation.slug, cycle.pk])}?{query}"


def stored_for(cycle, variant=FULL_EN):
    return StoredReport.objects.filter(cycle=cycle, **variant.fields())


def kept_files(cycle) -> list[str]:
    storage = report_storage()
    folder = f"board-reports/{cycle.organisation_id}/{cycle.pk}"
    return sorted(storage.listdir(folder)[1]) if storage.exists(folder) else []


@pytest.fixture(autouse=True)
def _quick_render(request, monkeypatch):
    if request.node.get_closest_marker("real_pdf"):
        return

    def stand_in(html, **kwargs):
        digest = hashlib.sha256(html.encode()).hexdigest().encode()
        return RenderedPdf(b"%PDF-1.7\n% stand-in " + digest + b"\n%%EOF\n", 1)

    monkeypatch.setattr(report_services, "render_pdf", stand_in)


@pytest.fixture
def no_render(monkeypatch):
    """Fails the test if WeasyPrint is asked for a PDF."""

    def refuse(html, **kwargs):
        raise AssertionError("rendered a PDF")

    monkeypatch.setattr(report_services, "render_pdf", refuse)


# --- the download ---------------------------------------------------------------------------


def test_the_first_download_queues_one_render_and_says_it_is_being_prepared(cycle, board):
    client = client_for(board)
    with TestCase.captureOnCommitCallbacks() as queued:
        first = client.get(pdf_url(cycle))
        second = client.get(pdf_url(cycle))
    assert len(queued) == 1, "one render job, however many people ask"
    assert stored_for(cycle).get().status == RenderStatus.QUEUED
    for response in (first, second):
        page = response.content.decode()
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert "no-cache" in response["Cache-Control"]
        assert '<h1 class="govuk-heading-l">Your report is being prepared</h1>' in page
        assert "full board report for “2025 assessment”, in English" in page
        # "Check again" is a plain GET form back to the same PDF: no JavaScript, no refresh
        assert f'<form method="get" action="{pdf_url(cycle, "").rstrip("?")}"' in page
        assert '<input type="hidden" name="version" value="full">' in page
        assert ">Check again</button>" in page
        assert "http-equiv" not in page


def test_the_page_is_in_the_sites_language_and_names_the_reports(cycle, board):
    client = client_for(board)
    client.cookies["django_language"] = "cy"
    page = client.get(pdf_url(cycle, "version=summary&language=en")).content.decode()
    assert '<html lang="cy"' in page
    assert "Mae eich adroddiad yn cael ei baratoi" in page
    assert "crynodeb i&#x27;r bwrdd" in page or "crynodeb i'r bwrdd" in page
    assert ">Gwirio eto</button>" in page
    assert "being prepared" not in page


@pytest.mark.real_pdf
def test_once_made_the_kept_pdf_is_served_without_rendering_again(cycle, board, monkeypatch):
    client = client_for(board)
    response = pdf_download(client, pdf_url(cycle))
    stored = stored_for(cycle).get()
    assert stored.status == RenderStatus.READY and stored.page_count > 5
    content = response.getvalue()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('-full.pdf"')
    with report_storage().open(stored.file_name) as kept:
        assert kept.read() == content
    assert len(PdfReader(io.BytesIO(content)).pages) == stored.page_count

    monkeypatch.setattr(report_services, "render_pdf", lambda html: pytest.fail("rendered"))
    with TestCase.captureOnCommitCallbacks() as queued:
        again = client_for(MembershipFactory(organisation=cycle.organisation, role=Role.LEAD).user)
        assert again.get(pdf_url(cycle)).getvalue() == content
    assert queued == []


def test_changed_data_is_never_served_from_the_old_pdf(cycle, board):
    client = client_for(board)
    pdf_download(client, pdf_url(cycle))
    answer_indicator(org_response(cycle), "policy-01", score=4, evidence="New letters")
    response = client.get(pdf_url(cycle))
    assert response["Content-Type"].startswith("text/html")
    assert "being prepared" in response.content.decode()
    assert stored_for(cycle).count() == 2


def test_a_lost_file_is_made_again(cycle, board):
    client = client_for(board)
    pdf_download(client, pdf_url(cycle))
    stored = stored_for(cycle).get()
    report_storage().delete(stored.file_name)
    with TestCase.captureOnCommitCallbacks() as queued:
        response = client.get(pdf_url(cycle))
    assert "being prepared" in response.content.decode()
    assert len(queued) == 1
    stored.refresh_from_db()
    assert stored.status == RenderStatus.QUEUED and stored.file_name == ""


# --- failure --------------------------------------------------------------------------------


def test_a_failed_render_is_logged_shown_and_can_be_tried_again(cycle, board, monkeypatch, caplog):
    def broken(html):
        raise OSError("the fonts went missing")

    monkeypatch.setattr(report_services, "render_pdf", broken)
    client = client_for(board)
    with (
        caplog.at_level(logging.ERROR, logger="reports.services"),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        client.get(pdf_url(cycle))
    stored = stored_for(cycle).get()
    assert stored.status == RenderStatus.FAILED and stored.error == "OSError"
    assert "Board report PDF could not be made" in caplog.text
    assert "the fonts went missing" in caplog.text  # the traceback is in the log

    page = client.get(pdf_url(cycle)).content.decode()
    assert "We could not make this report" in page
    assert "Something went wrong while we were making the PDF" in page
    assert '<form method="post"' in page and ">Try again</button>" in page
    assert "Check again" not in page

    monkeypatch.undo()
    with TestCase.captureOnCommitCallbacks(execute=True):
        retried = client.post(pdf_url(cycle))
    assert retried.status_code == 302 and retried["Location"] == pdf_url(cycle)
    assert client.get(pdf_url(cycle))["Content-Type"] == "application/pdf"


def test_a_render_stuck_in_the_queue_can_be_tried_again(cycle, board, settings):
    client = client_for(board)
    client.get(pdf_url(cycle))  # queued; no worker runs it
    stored = stored_for(cycle).get()
    assert "being prepared" in client.get(pdf_url(cycle)).content.decode()
    StoredReport.objects.filter(pk=stored.pk).update(
        updated_at=timezone.now() - timedelta(seconds=settings.REPORTS_RENDER_TIMEOUT + 1)
    )
    page = client.get(pdf_url(cycle)).content.decode()
    assert "is taking much longer than it should" in page and ">Try again</button>" in page
    with TestCase.captureOnCommitCallbacks() as queued:
        client.post(pdf_url(cycle))
    assert len(queued) == 1
    assert "being prepared" in client.get(pdf_url(cycle)).content.decode()


def test_trying_again_leaves_a_report_that_is_fine_alone(cycle, board):
    client = client_for(board)
    client.get(pdf_url(cycle))
    with TestCase.captureOnCommitCallbacks() as queued:
        response = client.post(pdf_url(cycle))  # queued a moment ago, not stuck
    assert response.status_code == 302
    assert queued == []
    assert stored_for(cycle).get().status == RenderStatus.QUEUED


# --- the worker -----------------------------------------------------------------------------


def test_a_job_whose_data_changed_while_it_waited_is_dropped(cycle, no_render):
    fingerprint = report_document(cycle=cycle, variant=FULL_EN, dated=False).fingerprint
    stored = stored_report_request(cycle=cycle, variant=FULL_EN, fingerprint=fingerprint)
    answer_indicator(org_response(cycle), "policy-01", score=3)
    assert stored_report_render(stored_report_id=stored.pk) is None
    assert not stored_for(cycle).exists()
    assert kept_files(cycle) == []


def test_a_job_already_taken_or_done_is_not_rendered_twice(cycle, no_render):
    fingerprint = report_document(cycle=cycle, variant=FULL_EN, dated=False).fingerprint
    stored = stored_report_request(cycle=cycle, variant=FULL_EN, fingerprint=fingerprint)
    for status in (RenderStatus.RENDERING, RenderStatus.READY, RenderStatus.FAILED):
        StoredReport.objects.filter(pk=stored.pk).update(status=status)
        assert stored_report_render(stored_report_id=stored.pk) is None
    assert stored_report_render(stored_report_id=stored.pk + 1000) is None


def test_two_requests_at_the_same_moment_make_one_row(cycle, monkeypatch):
    """The second finds no row when it looks, then loses the race to create one."""
    fingerprint = report_document(cycle=cycle, variant=FULL_EN, dated=False).fingerprint
    first = stored_report_request(cycle=cycle, variant=FULL_EN, fingerprint=fingerprint)
    monkeypatch.setattr("django.db.models.query.QuerySet.first", lambda queryset: None)
    with TestCase.captureOnCommitCallbacks() as queued:
        second = stored_report_request(cycle=cycle, variant=FULL_EN, fingerprint=fingerprint)
    assert second.pk == first.pk and queued == []


def test_a_newer_pdf_removes_the_ones_it_supersedes(cycle, board, settings):
    client = client_for(board)
    pdf_download(client, pdf_url(cycle))
    old = stored_for(cycle).get()
    (old_file,) = kept_files(cycle)
    # an abandoned job from long ago, and a failure, for the same PDF
    long_ago = timezone.now() - timedelta(seconds=settings.REPORTS_RENDER_TIMEOUT + 1)
    stuck = StoredReport.objects.create(cycle=cycle, fingerprint="a" * 64, **FULL_EN.fields())
    StoredReport.objects.filter(pk=stuck.pk).update(updated_at=long_ago)
    failed = StoredReport.objects.create(
        cycle=cycle, fingerprint="b" * 64, status=RenderStatus.FAILED, **FULL_EN.fields()
    )
    summary = pdf_download(client, pdf_url(cycle, "version=summary&language=en"))
    assert summary["Content-Type"] == "application/pdf"  # another PDF: left alone

    answer_indicator(org_response(cycle), "policy-01", score=4)
    pdf_download(client, pdf_url(cycle))
    new = stored_for(cycle).get()
    assert new.pk not in (old.pk, stuck.pk, failed.pk)
    files = kept_files(cycle)
    assert old_file not in files and new.file_name.rpartition("/")[2] in files
    assert len(files) == 2  # the new full report and the summary
    assert stored_for(cycle, Variant(SUMMARY, "en", True)).get().is_ready


@pytest.mark.real_pdf
@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_db_worker_make_the_pdf(cycle, board, settings):
    """With the production backend: the request leaves a job in the database, and
    `manage.py db_worker` makes the PDF. (Committed for real: the worker closes its
    database connection between jobs, which would end a test's own transaction.)"""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for(board)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.get(pdf_url(cycle))
    assert DBTaskResult.objects.count() == 1
    assert stored_for(cycle).get().status == RenderStatus.QUEUED
    call_command("db_worker", batch=True, verbosity=0)
    assert stored_for(cycle).get().status == RenderStatus.READY
    assert client.get(pdf_url(cycle))["Content-Type"] == "application/pdf"


# --- ahead of time --------------------------------------------------------------------------


def test_submitting_a_cycle_prepares_every_pdf_before_anyone_asks(
    organisation, lead, board, settings, framework_content
):
    settings.REPORTS_RENDER_AHEAD = True
    cycle = CycleFactory(organisation=organisation, status=CycleStatus.IN_PROGRESS)
    answer_everything(org_response(cycle), score=3)
    with TestCase.captureOnCommitCallbacks(execute=True):
        cycle_submit(cycle=cycle, actor=lead)
    ready = StoredReport.objects.filter(cycle=cycle, status=RenderStatus.READY)
    assert {(s.version, s.language) for s in ready} == {
        (v.version, v.language) for v in downloadable_variants()
    }
    assert len(kept_files(cycle)) == 4
    client = client_for(board)
    for query in ("version=full&language=cy", "version=summary&language=en"):
        assert client.get(pdf_url(cycle, query))["Content-Type"] == "application/pdf"


def test_a_plan_change_prepares_them_again_and_removes_the_old(cycle, lead, settings):
    settings.REPORTS_RENDER_AHEAD = True
    with TestCase.captureOnCommitCallbacks(execute=True):
        reports_prepare(cycle=cycle)
    before = set(kept_files(cycle))
    assert len(before) == 4
    plan = cycle.action_plan
    plan.status = PlanStatus.DRAFT
    plan.save()
    domain = Domain.objects.get(framework=cycle.framework, code="policy")
    given = {"description": "Plain letters", "outcome": "Clear letters",
             "target_date": timezone.localdate() + timedelta(days=90),
             "domain": domain, "responsible_other": "Customer services"}  # fmt: skip
    with TestCase.captureOnCommitCallbacks(execute=True):
        action_save(plan=plan, actor=lead, values=given)
    after = set(kept_files(cycle))
    assert len(after) == 4 and after.isdisjoint(before)
    assert StoredReport.objects.filter(cycle=cycle).count() == 4


def test_nothing_is_prepared_ahead_for_a_cycle_in_progress_or_when_turned_off(
    organisation, lead, settings, framework_content
):
    settings.REPORTS_RENDER_AHEAD = True
    cycle = CycleFactory(organisation=organisation, status=CycleStatus.IN_PROGRESS)
    plan = PlanFactory(cycle=cycle)
    domain = Domain.objects.get(framework=cycle.framework, code="policy")
    given = {"description": "Plain letters", "outcome": "Clear letters",
             "target_date": timezone.localdate(), "domain": domain,
             "responsible_other": "Customer services"}  # fmt: skip
    with TestCase.captureOnCommitCallbacks() as queued:
        action_save(plan=plan, actor=lead, values=given)
    assert queued == []
    settings.REPORTS_RENDER_AHEAD = False
    answer_everything(org_response(cycle))
    with TestCase.captureOnCommitCallbacks() as queued:
        cycle_submit(cycle=cycle, actor=lead)
    assert queued == []


def test_retry_of_a_report_that_is_ready_changes_nothing(cycle, board):
    pdf_download(client_for(board), pdf_url(cycle))
    stored = stored_for(cycle).get()
    with TestCase.captureOnCommitCallbacks() as queued:
        assert stored_report_retry(stored=stored).status == RenderStatus.READY
    assert queued == []


# --- query counts ---------------------------------------------------------------------------


def _grow(cycle, size):
    plan = cycle.action_plan
    owner = MembershipFactory(organisation=cycle.organisation, role=Role.LEAD)
    for n in range(size):
        ActionFactory(plan=plan, responsible_member=owner if n % 2 else None)
    for _ in range(min(size, 4)):
        add_contributor(cycle)


@pytest.mark.parametrize("size", [5, 40])
def test_serving_a_kept_pdf_takes_the_same_queries_whatever_the_size(
    cycle, board, size, django_assert_num_queries
):
    _grow(cycle, size)
    client = client_for(board)
    pdf_download(client, pdf_url(cycle))
    with django_assert_num_queries(37):  # the download is recorded in the audit trail
        response = client.get(pdf_url(cycle))
    assert response["Content-Type"] == "application/pdf"
