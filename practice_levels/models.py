"""Practice levels: Trauma-aware, Trauma-skilled, Trauma-enhanced, Specialist interventions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from trauma_wales.bilingual import localised_list, localised_property
from trauma_wales.content_models import FrameworkItem


class PracticeLevel(FrameworkItem):
    framework = models.ForeignKey(
        "assessments.FrameworkVersion", on_delete=models.PROTECT, related_name="practice_levels"
    )
    audience_en = models.TextField(blank=True)
    audience_cy = models.TextField(blank=True)
    good_practice = models.JSONField(default=list, blank=True)

    audience = localised_property("audience")

    class Meta(FrameworkItem.Meta):
        verbose_name = _("practice level")
        verbose_name_plural = _("practice levels")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="practicelevel_code_unique_in_framework"
            )
        ]

    @property
    def localised_good_practice(self):
        return localised_list(self.good_practice)
