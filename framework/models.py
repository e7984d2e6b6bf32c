"""Framework content: versions and their domains, principles, practice levels, ways of
working and well-being goals.

These rows are loaded from the content files (docs/adr/0003) and never edited here. The
app sits below assessments, the workforce and action plans (docs/adr/0009): they point at
these rows, and nothing here imports them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from trauma_wales.bilingual import localised_list, localised_property


class FrameworkItem(models.Model):
    """A piece of framework content (a domain, a principle, a practice level).

    Every item belongs to one framework version and is known by a stable `code` within it,
    so a content file can be reloaded: matching codes are updated in place (keeping their
    primary keys, so nothing that points at them breaks) and codes that disappear from the
    file are retired, never deleted. The questionnaire's readiness themes share the shape.
    """

    framework = models.ForeignKey(
        "framework.FrameworkVersion", on_delete=models.PROTECT, related_name="+"
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


class FrameworkVersionQuerySet(models.QuerySet):
    def current(self) -> "FrameworkVersion | None":
        """The newest published framework version (derived, never stored)."""
        return self.order_by("-published", "-id").first()


class FrameworkVersion(models.Model):
    code = models.SlugField(max_length=64, unique=True)
    title_en = models.CharField(max_length=300)
    title_cy = models.CharField(max_length=300, blank=True)
    short_title_en = models.CharField(max_length=120)
    short_title_cy = models.CharField(max_length=120, blank=True)
    summary_en = models.TextField(blank=True)
    summary_cy = models.TextField(blank=True)
    published = models.DateField()
    source_file = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the loaded file.")
    loaded_at = models.DateTimeField(auto_now=True)

    objects = FrameworkVersionQuerySet.as_manager()

    title = localised_property("title")
    short_title = localised_property("short_title")
    summary = localised_property("summary")

    class Meta:
        ordering = ["-published", "-id"]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")

    def __str__(self) -> str:
        return f"{self.short_title_en} ({self.code})"


def unique_code_per_framework(model_name: str) -> list:
    return [
        models.UniqueConstraint(
            fields=["framework", "code"], name=f"{model_name}_code_unique_in_framework"
        )
    ]


class Domain(FrameworkItem):
    """One of the six TrACE domain areas."""

    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="domains"
    )
    examples = models.JSONField(default=list, blank=True)

    class Meta(FrameworkItem.Meta):
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        constraints = unique_code_per_framework("domain")

    @property
    def localised_examples(self):
        return localised_list(self.examples)


class Principle(FrameworkItem):
    """One of the five trauma-informed practice principles."""

    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="principles"
    )
    in_practice = models.JSONField(default=list, blank=True)

    class Meta(FrameworkItem.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        constraints = unique_code_per_framework("principle")

    @property
    def localised_in_practice(self):
        return localised_list(self.in_practice)


class PracticeLevel(FrameworkItem):
    """One of the four practice levels (Trauma-aware, Trauma-skilled, Trauma-enhanced,
    Specialist interventions)."""

    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="practice_levels"
    )
    audience_en = models.TextField(blank=True)
    audience_cy = models.TextField(blank=True)
    good_practice = models.JSONField(default=list, blank=True)

    audience = localised_property("audience")

    class Meta(FrameworkItem.Meta):
        verbose_name = _("practice level")
        verbose_name_plural = _("practice levels")
        constraints = unique_code_per_framework("practicelevel")

    @property
    def localised_good_practice(self):
        return localised_list(self.good_practice)


class WayOfWorking(FrameworkItem):
    """One of the five ways of working of the Well-being of Future Generations (Wales) Act."""

    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="ways_of_working"
    )

    class Meta(FrameworkItem.Meta):
        verbose_name = _("way of working")
        verbose_name_plural = _("ways of working")
        constraints = unique_code_per_framework("wayofworking")


class WellbeingGoal(FrameworkItem):
    """One of the seven well-being goals for Wales."""

    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="wellbeing_goals"
    )

    class Meta(FrameworkItem.Meta):
        verbose_name = _("well-being goal")
        verbose_name_plural = _("well-being goals")
        constraints = unique_code_per_framework("wellbeinggoal")
