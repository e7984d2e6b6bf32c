"""Writes for the stored board report PDFs (docs/adr/0011): queue one, make one, try one
again, and prepare every downloadable PDF of a cycle when its data changes.

Nobody waits for WeasyPrint in a web request: a PDF is made by the worker (`reports.tasks`)
and kept in the "reports" storage, keyed by the fingerprint of what it shows
(`reports.documents`). A request for a PDF whose fingerprint has no row yet queues it once
(the unique constraint stops a second job for the same fingerprint); the worker checks the
data has not changed again before it renders, and once the PDF is kept it removes the
files it supersedes. These are the service's own records, made for whoever asks, so they
are logged rather than written to the audit trail; what is audited is a download, the one
moment a copy of the report leaves the service.
"""

import logging
import time
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from assessments.models import AssessmentCycle, CycleStatus
from reports.documents import Variant, downloadable_variants, report_document
from reports.models import RenderStatus, StoredReport
from reports.pdf import render_pdf
from reports.storage import report_file_delete, report_file_save
from trauma_wales.audit import audit_record

logger = logging.getLogger(__name__)

WAITING = (RenderStatus.QUEUED, RenderStatus.RENDERING)


def _enqueue_render(stored_report_id: int) -> None:
    from reports.tasks import report_render  # the tasks call these services

    transaction.on_commit(lambda: report_render.enqueue(stored_report_id))


def stored_report_request(
    *, cycle: AssessmentCycle, variant: Variant, fingerprint: str
) -> StoredReport:
    """The stored report for this fingerprint: ready, waiting or failed; queued now (one
    render job, whoever else asks at the same moment) when there is none."""
    keys = {"cycle": cycle, "fingerprint": fingerprint, **variant.fields()}
    stored = StoredReport.objects.filter(**keys).first()
    if stored is not None:
        return stored
    try:
        with transaction.atomic():
            stored = StoredReport.objects.create(**keys)
            _enqueue_render(stored.pk)
    except IntegrityError:  # queued by someone else a moment ago: their job makes it
        return StoredReport.objects.get(**keys)
    logger.info("Board report PDF queued: %s", stored)
    return stored


def stored_report_retry(*, stored: StoredReport) -> StoredReport:
    """Queue a failed render again, or one that has waited too long (no worker took it, or
    the one that did stopped). Anything else is left as it is."""
    cutoff = timezone.now() - timedelta(seconds=settings.REPORTS_RENDER_TIMEOUT)
    with transaction.atomic():
        again = StoredReport.objects.filter(
            Q(status=RenderStatus.FAILED) | Q(status__in=WAITING, updated_at__lt=cutoff),
            pk=stored.pk,
        ).update(status=RenderStatus.QUEUED, error="", updated_at=timezone.now())
        if again:
            _enqueue_render(stored.pk)
            logger.info("Board report PDF queued again: %s", stored)
    stored.refresh_from_db()
    return stored


def stored_report_lost(*, stored: StoredReport) -> StoredReport:
    """A ready report whose file has gone from the storage: make it again."""
    with transaction.atomic():
        if StoredReport.objects.filter(pk=stored.pk, status=RenderStatus.READY).update(
            status=RenderStatus.QUEUED, file_name="", updated_at=timezone.now()
        ):
            _enqueue_render(stored.pk)
    stored.refresh_from_db()
    return stored


def _claim(stored_report_id: int) -> StoredReport | None:
    """Take a queued report for this worker; None if it is gone or taken."""
    claimed = StoredReport.objects.filter(pk=stored_report_id, status=RenderStatus.QUEUED).update(
        status=RenderStatus.RENDERING, updated_at=timezone.now()
    )
    if not claimed:
        return None
    return StoredReport.objects.select_related("cycle__organisation").get(pk=stored_report_id)


def stored_report_render(*, stored_report_id: int) -> StoredReport | None:
    """The worker's job: make the PDF, keep it, and remove what it supersedes. A report whose
    data changed while it waited is dropped: the request that sees the new data queues the
    new one. A failure is kept on the row (the page offers to try again), logged with its
    traceback, and raised for the task backend to record."""
    stored = _claim(stored_report_id)
    if stored is None:
        return None
    variant = Variant.of(stored)
    started = time.perf_counter()
    try:
        document = report_document(cycle=stored.cycle, variant=variant)
        if document.fingerprint != stored.fingerprint:
            logger.info("Board report PDF superseded before it was made: %s", stored)
            stored.delete()
            return None
        rendered = render_pdf(document.html)
        stored.file_name = report_file_save(stored, rendered.content)
    except Exception as error:
        logger.exception("Board report PDF could not be made: %s", stored)
        StoredReport.objects.filter(pk=stored.pk).update(
            status=RenderStatus.FAILED, error=type(error).__name__[:255], updated_at=timezone.now()
        )
        raise
    stored.status = RenderStatus.READY
    stored.page_count = rendered.page_count
    stored.render_seconds = round(time.perf_counter() - started, 3)
    stored.error = ""
    stored.save()
    logger.info("Board report PDF made in %.2f s: %s", stored.render_seconds, stored)
    stored_reports_prune(stored=stored)
    return stored


def stored_reports_prune(*, stored: StoredReport) -> int:
    """Remove the rows and files of the same PDF (its cycle and variant) queued before
    `stored`, now that it is ready: ready or failed ones, and waiting ones
    that have been stuck. How many were removed."""
    cutoff = timezone.now() - timedelta(seconds=settings.REPORTS_RENDER_TIMEOUT)
    older = (
        StoredReport.objects.filter(
            cycle_id=stored.cycle_id, pk__lt=stored.pk, **Variant.of(stored).fields()
        )
        .filter(
            Q(status__in=(RenderStatus.READY, RenderStatus.FAILED))
            | Q(status__in=WAITING, updated_at__lt=cutoff)
        )
        .only("pk", "file_name")
    )
    removed = list(older)
    for old in removed:
        report_file_delete(old.file_name)
    StoredReport.objects.filter(pk__in=[old.pk for old in removed]).delete()
    return len(removed)


def reports_prepare(*, cycle: AssessmentCycle, variants: Iterable[Variant] | None = None) -> list:
    """Queue every downloadable PDF of the cycle whose current data has none yet (the
    worker's job after an event). The stored reports, one per variant."""
    return [
        stored_report_request(
            cycle=cycle,
            variant=variant,
            fingerprint=report_document(cycle=cycle, variant=variant, dated=False).fingerprint,
        )
        for variant in (variants if variants is not None else downloadable_variants())
    ]


def reports_prepare_soon(*, cycle: AssessmentCycle) -> None:
    """Receiver for the events that change a submitted cycle's report (submission, targets,
    the action plan): once the change commits, the worker prepares its PDFs. A cycle in
    progress is left for whoever asks: its answers change with every page saved."""
    if not settings.REPORTS_RENDER_AHEAD or cycle.status != CycleStatus.SUBMITTED:
        return
    from reports.tasks import reports_prepare_task

    cycle_id = cycle.pk
    transaction.on_commit(lambda: reports_prepare_task.enqueue(cycle_id))


def reports_prepare_for_plan(*, plan) -> None:
    reports_prepare_soon(cycle=plan.cycle)


def report_download_record(*, cycle: AssessmentCycle, actor, variant: Variant) -> None:
    """Who took a copy of the board report PDF, when, which version, in which language and
    whether it compared the organisation with others."""
    details: dict[str, object] = {
        "cycle": cycle.name,
        "version": variant.version,
        "language": variant.language,
    }
    if variant.with_comparison:
        details["comparison"] = True
    audit_record(
        action="report.downloaded",
        actor=actor,
        organisation=cycle.organisation,
        target=cycle,
        details=details,
    )


def organisation_data_download_record(*, organisation, actor) -> None:
    """A lead downloaded everything the organisation holds (reports.organisation_data): it
    names every member and quotes everything they wrote, so a copy leaving is recorded."""
    audit_record(
        action="organisation.data_downloaded",
        actor=actor,
        organisation=organisation,
        target=organisation,
    )
