"""Consensus sessions: the working group's meeting where ratings are agreed.

Each colleague gives their own view first; then the group meets, looks at the indicators
where views differ most, and agrees a rating with its reasons. A session records when it
was held and who took part (members by account; anyone else by perspective, and by name
only if they chose to be named), and what happened to each indicator it discussed: agreed
(the organisation's answer is set to it, in the same save) or not agreed yet (it comes
back at the next session). Kept with the cycle, and shown in the board report.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models.answers import answer_label
from assessments.models.cycles import RATING_MAX, AssessmentCycle
from trauma_wales.versions import Versioned

SESSION_TEXT_MAX_LENGTH = 2000
GUESTS_MAX = 50  # people without an account, per perspective


class Perspective(models.TextChoices):
    FRONTLINE = "frontline", _("Frontline staff or volunteers")
    MANAGER = "manager", _("Managers")
    HR = "hr", _("HR and organisational development")
    LIVED_EXPERIENCE = "lived_experience", _("People with lived experience")
    PARTNER = "partner", _("Partner organisations")


class ConsensusSession(Versioned):
    """Its date and who took part can be corrected later, through a versioned form."""

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date of the session"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("members")
    )
    # People without an account, by perspective: {"lived_experience": 2, ...}.
    guests = models.JSONField(default=dict, blank=True)
    guest_names = models.TextField(_("names of people without an account"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.cycle}: session on {self.held_on}"

    @property
    def guest_total(self) -> int:
        return sum(self.guests.values())

    @property
    def guest_counts(self) -> list[tuple[str, int]]:
        """(perspective, how many) in the order perspectives are offered: PostgreSQL keeps
        a JSON object's keys in an order of its own."""
        return [(p.value, self.guests[p.value]) for p in Perspective if self.guests.get(p.value)]


class Outcome(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    NOT_AGREED = "not_agreed", _("Not agreed yet")


class SessionItem(models.Model):
    """What a session decided about one indicator. An agreed item holds the rating (or
    "not applicable") that became the organisation's answer, with why."""

    session = models.ForeignKey(ConsensusSession, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(
        "assessments.Indicator", on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    reason = models.TextField(_("why we agreed it"), blank=True)
    actions = models.TextField(_("actions to consider"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "indicator"], name="session_item_once"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=RATING_MAX),
                name="session_item_score_in_range",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(outcome="agreed")
                    & (
                        (models.Q(score__isnull=False) & models.Q(not_applicable=False))
                        | (models.Q(score__isnull=True) & models.Q(not_applicable=True))
                    )
                )
                | (
                    models.Q(outcome="not_agreed")
                    & models.Q(score__isnull=True)
                    & models.Q(not_applicable=False)
                ),
                name="session_item_agreed_has_one_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.indicator.code} {self.outcome}"

    @property
    def is_agreed(self) -> bool:
        return self.outcome == Outcome.AGREED

    @property
    def label(self) -> str:
        """What was agreed, as people read it: "3 Established", "Not applicable", or "Not
        agreed yet"."""
        if not self.is_agreed:
            return str(Outcome.NOT_AGREED.label)
        return answer_label(self.score, not_applicable=self.not_applicable)
