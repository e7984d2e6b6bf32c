"""Response sets and answers.

Each cycle has one response set for the organisation's agreed answers (`contributor` is
empty) and one per invited contributor, so everyone's view is kept separately.
`SectionRevision` numbers each save of a section so a stale form can be refused.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models.cycles import RATING_MAX, AssessmentCycle

NOTE_MAX_LENGTH = 2000
READINESS_SECTION = "readiness"


def readiness_revision_key(theme_code: str) -> str:
    """Each readiness theme is a page of its own, so each has its own revision; audit
    entries still name the whole section, `READINESS_SECTION`."""
    return f"{READINESS_SECTION}:{theme_code}"


class Rating(models.IntegerChoices):
    NOT_STARTED = 0, _("Not started")
    BEGINNING = 1, _("Beginning")
    DEVELOPING = 2, _("Developing")
    ESTABLISHED = 3, _("Established")
    EMBEDDED = 4, _("Embedded and sustained")


def rating_label(level: int) -> str:
    """A rating with its number, as people see it everywhere: "3 Established"."""
    return f"{level} {Rating(level).label}"


def answer_label(score: int | None, *, dont_know: bool = False, not_applicable: bool = False):
    """An indicator's answer as people read it: "3 Established", "Don't know", "Not
    applicable", or empty when there is none yet. One wording for answers, what a form
    sent and what a session agreed."""
    if dont_know:
        return str(ReadinessValue.DONT_KNOW.label)
    if not_applicable:
        return str(ReadinessValue.NOT_APPLICABLE.label)
    return rating_label(score) if score is not None else ""


class ReadinessValue(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NOT_YET = "not_yet", _("Not yet")
    DONT_KNOW = "dont_know", _("Don't know")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Response(models.Model):
    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="responses")
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessment_responses",
        help_text="Empty for the organisation's agreed answers.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "contributor"], name="response_once_per_contributor"
            ),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=models.Q(contributor__isnull=True),
                name="response_one_organisation_set_per_cycle",
            ),
        ]

    def __str__(self) -> str:
        owner = str(self.contributor) if self.contributor_id else "organisation"
        return f"{self.cycle}: {owner}"

    @property
    def is_organisation(self) -> bool:
        return self.contributor_id is None


class SectionRevision(models.Model):
    """How many times a section of a response has been saved, and by whom last."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="revisions")
    section = models.CharField(max_length=64)
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "section"], name="revision_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.section} revision {self.revision}"


class AnswerBase(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ReadinessAnswer(AnswerBase):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="readiness_answers"
    )
    item = models.ForeignKey(
        "assessments.ReadinessItem", on_delete=models.PROTECT, related_name="answers"
    )
    value = models.CharField(max_length=16, choices=ReadinessValue.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="readiness_answer_once"),
            models.CheckConstraint(
                condition=models.Q(value__in=[*ReadinessValue.values, ""]),
                name="readiness_value_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(value=ReadinessValue.NOT_APPLICABLE, note=""),
                name="readiness_not_applicable_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.value or '-'}"

    @property
    def is_not_applicable(self) -> bool:
        return self.value == ReadinessValue.NOT_APPLICABLE


class IndicatorAnswer(AnswerBase):
    """A rating (0 to 4), "don't know" or "not applicable", plus evidence notes and a
    priority flag.

    A row may hold notes without a rating yet ("save and come back later"); it counts as
    answered only once it has one of the three. "Not applicable" needs a reason, kept in
    the evidence notes: it leaves the indicator out of every score, so it must be
    explained wherever it is shown.
    """

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="indicator_answers"
    )
    indicator = models.ForeignKey(
        "assessments.Indicator", on_delete=models.PROTECT, related_name="answers"
    )
    score = models.PositiveSmallIntegerField(null=True, blank=True, choices=Rating.choices)
    dont_know = models.BooleanField(default=False)
    not_applicable = models.BooleanField(default=False)
    evidence = models.TextField(blank=True)
    priority = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "indicator"], name="indicator_answer_once"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=RATING_MAX),
                name="indicator_score_in_range",
            ),
            models.CheckConstraint(
                condition=~(models.Q(score__isnull=False) & models.Q(dont_know=True)),
                name="indicator_score_or_dont_know",
            ),
            models.CheckConstraint(
                condition=models.Q(not_applicable=False)
                | models.Q(score__isnull=True, dont_know=False, priority=False),
                name="indicator_not_applicable_alone",
            ),
            models.CheckConstraint(
                condition=~models.Q(not_applicable=True, evidence=""),
                name="indicator_not_applicable_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.label or '-'}"

    @property
    def label(self) -> str:
        return answer_label(
            self.score, dont_know=self.dont_know, not_applicable=self.not_applicable
        )

    @classmethod
    def answered_condition(cls) -> models.Q:
        """Answered, as progress counts it: rated, "don't know" or "not applicable"."""
        return (
            models.Q(score__isnull=False) | models.Q(dont_know=True) | models.Q(not_applicable=True)
        )

    # The gap rule, in one place: an indicator needs focus when it is flagged as a priority
    # or rated 0 or 1. Results list these as areas to focus on, and the action plan offers
    # them as suggestions. `needs_focus_condition` is the rule as a query condition and
    # `needs_focus` the same rule for one loaded row (a test holds them to each other).
    FOCUS_MAX_SCORE = 1

    @classmethod
    def needs_focus_condition(cls) -> models.Q:
        return models.Q(priority=True) | models.Q(score__lte=cls.FOCUS_MAX_SCORE)

    @property
    def needs_focus(self) -> bool:
        return self.priority or (self.score is not None and self.score <= self.FOCUS_MAX_SCORE)
