"""Base model for a piece of framework content (a domain, a principle, a practice level).

Every item belongs to one framework version and is known by a stable `code` within it,
so a content file can be reloaded: matching codes are updated in place (keeping their
primary keys, so nothing that points at them breaks) and codes that disappear from the
file are retired, never deleted.
"""

from django.db import models

from trauma_wales.bilingual import localised_property


class FrameworkItem(models.Model):
    framework = models.ForeignKey(
        "assessments.FrameworkVersion", on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(max_length=64)
    order = models.PositiveSmallIntegerField()
    name_en = models.CharField(max_length=200)
    name_cy = models.CharField(max_length=200, blank=True)
    summary_en = models.TextField(blank=True)
    summary_cy = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    description_cy = models.TextField(blank=True)
    is_active = models.BooleanField(
        default=True, help_text="False once the item is no longer in its content file."
    )

    name = localised_property("name")
    summary = localised_property("summary")
    description = localised_property("description")

    class Meta:
        abstract = True
        ordering = ["framework", "order"]

    def __str__(self) -> str:
        return self.name_en
