"""What a working group says in words about each domain area, beside its ratings.

Numbers alone invite a board to read a league table. So, per domain area of a cycle, the
group writes what it is proud of, what it learned and what people with lived experience
told it; the board report opens with these, and the plan's actions, before any figure.
Edited through a form, so each reflection carries a version (trauma_wales.versions).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models.cycles import AssessmentCycle
from trauma_wales.versions import Versioned

REFLECTION_MAX_LENGTH = 2000
REFLECTION_FIELDS = ("proud", "learned", "heard")


class DomainReflection(Versioned):
    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="reflections")
    domain = models.ForeignKey("framework.Domain", on_delete=models.PROTECT, related_name="+")
    proud = models.TextField(_("What are you proud of?"), blank=True)
    learned = models.TextField(_("What did you learn?"), blank=True)
    heard = models.TextField(_("What did people with lived experience tell you?"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "domain"], name="reflection_once_per_domain")
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.domain.code}"

    @property
    def is_written(self) -> bool:
        return any(getattr(self, name) for name in REFLECTION_FIELDS)
