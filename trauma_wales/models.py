"""The audit trail: an append-only record of every change that matters.

Services write entries through `trauma_wales.audit.audit_record`; nothing updates or
deletes them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from trauma_wales.history_models import ImmutableModel


class AuditEntry(ImmutableModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(max_length=100)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")


class OutgoingEmail(models.Model):
    """One email on its way: written with the change that causes it, sent by the task
    worker after the change commits (trauma_wales.emails).

    It is built when queued, in its recipients' language, so the worker only delivers it.
    The body is emptied once the email is sent or given up (it may hold a sign-in link),
    and old rows are pruned by the daily schedule. `about_type`/`about_id` name what the
    email is about (an invitation, say), so its page can say whether it went.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    template = models.CharField(max_length=200)
    language = models.CharField(max_length=2, blank=True)
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=998)
    body = models.TextField(blank=True)
    about_type = models.CharField(max_length=100, blank=True)
    about_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=8, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["about_type", "about_id", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EmailStatus.values), name="outgoing_email_status"
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} to {len(self.to)} ({self.status})"
