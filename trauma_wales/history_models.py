"""Base models for records that must never change once written: audit entries and the
status history of assessment cycles and action plans."""

from django.conf import settings
from django.db import models


class ImmutableModel(models.Model):
    """Refuses to save a row a second time."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(f"{self._meta.verbose_name} records are immutable.")
        super().save(*args, **kwargs)


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
