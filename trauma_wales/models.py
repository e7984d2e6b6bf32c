"""The audit trail: an append-only record of every change that matters.

Services write entries through `trauma_wales.audit.audit_record`. Nothing updates or
deletes them: the model and its queryset refuse, and so does the database (a trigger,
`migrations/0003_audit_entries_append_only`). An entry outlives what it describes: it
keeps the ids of the organisation and the person without a foreign key constraint
(deleting either leaves the entry as it was) and their names as they were at the time,
so the history still reads sensibly after someone leaves or an organisation is deleted
(docs/adr/0014).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from trauma_wales.history_models import AppendOnlyQuerySet, ImmutableModel

LABEL_MAX_LENGTH = 200


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
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
