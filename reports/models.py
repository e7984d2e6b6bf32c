"""The board report PDFs the worker makes, one row per PDF (docs/adr/0011).

A PDF is one version of a cycle's report (board summary or full), in one language, with or
without the workforce figures, with or without how the organisation compares with others
(the reader's choice), for one fingerprint of what the report shows
(`reports.documents`). The row says how far it has got: queued, being made, ready (its file
is in the "reports" storage) or failed. A new fingerprint is a new row, so a report whose
data has changed is never served as current; rows and files a newer PDF supersedes are
removed when it is ready.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be made")
    RENDERING = "rendering", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be made")


# What one PDF of a cycle's report is (reports.documents.Variant), with the cycle.
VARIANT_FIELDS = ["cycle", "version", "language", "with_workforce", "with_comparison"]


class StoredReport(models.Model):
    cycle = models.ForeignKey(
        "assessments.AssessmentCycle", on_delete=models.CASCADE, related_name="stored_reports"
    )
    version = models.CharField(max_length=10)  # reports.selectors.FULL or SUMMARY
    language = models.CharField(max_length=10)  # a code from settings.LANGUAGES
    with_workforce = models.BooleanField()
    with_comparison = models.BooleanField(default=False)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    file_name = models.CharField(max_length=255, blank=True)  # in the "reports" storage
    page_count = models.PositiveIntegerField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)  # the traceback is in the log
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[*VARIANT_FIELDS, "fingerprint"],
                name="one_stored_report_per_fingerprint",
            )
        ]
        indexes = [models.Index(fields=VARIANT_FIELDS, name="stored_report_variant")]

    def __str__(self) -> str:
        return f"{self.cycle_id} {self.version} {self.language} {self.fingerprint[:12]}"

    @property
    def is_ready(self) -> bool:
        return self.status == RenderStatus.READY

    @property
    def is_stuck(self) -> bool:
        """Queued or being made for longer than any render takes: no worker picked it up,
        or the one that did stopped."""
        waiting = self.status in (RenderStatus.QUEUED, RenderStatus.RENDERING)
        limit = timedelta(seconds=settings.REPORTS_RENDER_TIMEOUT)
        return waiting and timezone.now() - self.updated_at > limit

    @property
    def can_retry(self) -> bool:
        return self.status == RenderStatus.FAILED or self.is_stuck
