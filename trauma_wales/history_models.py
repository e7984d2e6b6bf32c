"""Base models for records that must never change once written: audit entries and the
status history of assessment cycles and action plans."""

from django.conf import settings
from django.db import models


class ImmutableRecordError(ValueError):
    """Something tried to change or delete a record that is written once."""


class ImmutableModel(models.Model):
    """Refuses to save a row a second time, and to delete one.

    Deleting what a record belongs to (a cycle and its status history) still removes it:
    Django's cascade deletes rows in bulk, not through this method."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableRecordError(f"{self._meta.verbose_name} records are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError(f"{self._meta.verbose_name} records cannot be deleted.")


class AppendOnlyQuerySet(models.QuerySet):
    """A queryset that adds rows and reads them, and refuses to change or delete any.

    For the audit trail, whose table also refuses updates and deletes in the database."""

    def update(self, **kwargs):
        raise ImmutableRecordError(f"{self.model._meta.verbose_name} records are immutable.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableRecordError(f"{self.model._meta.verbose_name} records are immutable.")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise ImmutableRecordError(f"{self.model._meta.verbose_name} records are immutable.")

    def delete(self):
        raise ImmutableRecordError(f"{self.model._meta.verbose_name} records cannot be deleted.")

    delete.queryset_only = True  # type: ignore[attr-defined]


class StatusChange(ImmutableModel):
    """One step of a status workflow: who, when, from what to what."""

    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"
