"""The audit trail: an append-only record of every change that matters.

Services write entries through `trauma_wales.audit.audit_record`. Nothing updates or
deletes them: the model and its queryset refuse, and so does the database (a trigger,
`migrations/0005_audit_entries_append_only`). An entry outlives what it describes: it
keeps the ids of the organisation and the person without a foreign key constraint
(deleting either leaves the entry as it was) and their names as they were at the time,
so the history still reads sensibly after someone leaves or an organisation is deleted
(docs/adr/0014).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trauma_wales.history_models import AppendOnlyQuerySet, ImmutableModel

LABEL_MAX_LENGTH = 200
# Entries that record someone reading (a download, an export), not a change. Kept pages
# (trauma_wales.kept) ask for an organisation's latest change on every request, through an
# index of changes only: an index of every entry would make that question walk past each
# download since, and a busy export grew slower with every copy taken.
READING_ACTION_ENDS = (".downloaded", ".exported")
CHANGE_ENTRIES = ~Q(action__endswith=READING_ACTION_ENDS[0]) & ~Q(
    action__endswith=READING_ACTION_ENDS[1]
)
LATEST_CHANGE_INDEX = "audit_latest_change"


class AuditEntry(ImmutableModel):
    # Ids kept without a constraint: the organisation or person may be deleted later, and
    # the entry must not change (SET_NULL would be an update). Read the names below rather
    # than these objects, which may no longer exist.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    organisation_name = models.CharField(max_length=LABEL_MAX_LENGTH, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(max_length=LABEL_MAX_LENGTH, blank=True)
    action = models.CharField(max_length=100)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(
                fields=["organisation", "-created_at", "-id"],
                condition=CHANGE_ENTRIES,
                name=LATEST_CHANGE_INDEX,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class AuditRedaction(ImmutableModel):
    """Leave to take a person's name out of one audit entry, given when they close their
    account (trauma_wales.audit.audit_redact_person).

    The database lets an entry change only in its `actor_name` and `details`, and only to
    the values a redaction row for it holds: every change to the trail is itself recorded,
    and nothing else can change an entry (migrations/0006, docs/adr/0014)."""

    entry_id = models.BigIntegerField(db_index=True)
    actor_name = models.CharField(max_length=LABEL_MAX_LENGTH, blank=True)
    details = models.JSONField(default=dict, blank=True)
    reason = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit redaction")
        verbose_name_plural = _("audit redactions")

    def __str__(self) -> str:
        return f"{self.reason}: entry {self.entry_id}"


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


class SharedDataVersion(models.Model):
    """A counter for data that belongs to no one organisation, such as what networks
    compare (trauma_wales.kept.shared_data_version): every change adds one, so what was
    built from it can be kept under its number and never served out of date."""

    name = models.SlugField(max_length=64, unique=True)
    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} {self.number}"
