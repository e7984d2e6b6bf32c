"""Questionnaire content: readiness themes and items, and self-assessment indicators.

Loaded from the framework content file like the rest of the framework. Answers point at
these rows, and each row belongs to one framework version, so a new version never
changes what an earlier cycle answered.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from framework.models import FrameworkItem, unique_code_per_framework
from trauma_wales.bilingual import localised_property


class ReadinessTheme(FrameworkItem):
    framework = models.ForeignKey(
        "framework.FrameworkVersion", on_delete=models.PROTECT, related_name="readiness_themes"
    )

    class Meta(FrameworkItem.Meta):
        verbose_name = _("readiness theme")
        verbose_name_plural = _("readiness themes")
        constraints = unique_code_per_framework("readinesstheme")


class QuestionBase(models.Model):
    """Shared shape of a readiness item and an indicator: a statement with a stable code."""

    framework = models.ForeignKey(
        "framework.FrameworkVersion", on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(max_length=64)
    order = models.PositiveSmallIntegerField()
    text_en = models.TextField()
    text_cy = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    text = localised_property("text")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.code}: {self.text_en[:60]}"


class ReadinessItem(QuestionBase):
    framework = models.ForeignKey(
        "framework.FrameworkVersion", on_delete=models.PROTECT, related_name="readiness_items"
    )
    theme = models.ForeignKey(ReadinessTheme, on_delete=models.PROTECT, related_name="items")
    hint_en = models.TextField(blank=True)
    hint_cy = models.TextField(blank=True)

    hint = localised_property("hint")

    class Meta:
        ordering = ["theme__order", "order"]
        verbose_name = _("readiness item")
        verbose_name_plural = _("readiness items")
        constraints = unique_code_per_framework("readinessitem")


class Indicator(QuestionBase):
    """A concrete, observable statement of good practice in one domain."""

    framework = models.ForeignKey(
        "framework.FrameworkVersion", on_delete=models.PROTECT, related_name="indicators"
    )
    domain = models.ForeignKey(
        "framework.Domain", on_delete=models.PROTECT, related_name="indicators"
    )
    guidance_en = models.TextField(blank=True)
    guidance_cy = models.TextField(blank=True)
    # What to do first, when the indicator is rated low: a suggested action's first draft.
    first_step_en = models.TextField(blank=True)
    first_step_cy = models.TextField(blank=True)
    principles = models.ManyToManyField("framework.Principle", related_name="indicators")
    practice_levels = models.ManyToManyField("framework.PracticeLevel", related_name="indicators")

    guidance = localised_property("guidance")
    first_step = localised_property("first_step")

    class Meta:
        ordering = ["domain__order", "order"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = unique_code_per_framework("indicator")
