"""What a submitted cycle found, stored when it is submitted: each domain area's score and
the indicators it marked as areas to focus on.

Scores are worked out from answers (assessments.selectors.scoring) and that stays the
source for an organisation's own pages. Networks compare thousands of organisations
(networks.selectors): working their scores out from a million answers on every page would
not do, so submitting a cycle stores them, and reopening it takes them back. `is_latest`
marks the rows of each organisation's most recently submitted cycle, the ones networks
and benchmarks read.
"""

from django.db import models


class SubmittedDomainScore(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    cycle = models.ForeignKey(
        "assessments.AssessmentCycle", on_delete=models.CASCADE, related_name="submitted_scores"
    )
    domain = models.ForeignKey("framework.Domain", on_delete=models.PROTECT, related_name="+")
    domain_code = models.SlugField(max_length=64)  # the same across framework versions
    # None when too few of its indicators were rated for a score (Score.enough_answered).
    percentage = models.PositiveSmallIntegerField(null=True, blank=True)
    answered = models.PositiveIntegerField()
    applicable = models.PositiveIntegerField()
    submitted_on = models.DateField()
    is_latest = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "domain"], name="submitted_score_once"),
            models.CheckConstraint(
                condition=models.Q(percentage__lte=100), name="submitted_score_in_range"
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "domain_code"],
                condition=models.Q(is_latest=True),
                name="submitted_score_latest",
            )
        ]

    def __str__(self) -> str:
        return f"{self.domain_code}: {self.percentage}"


class SubmittedFocus(models.Model):
    """An indicator a submitted cycle marked as an area to focus on (rated 0 or 1, or
    flagged as a priority: IndicatorAnswer.needs_focus_condition)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    cycle = models.ForeignKey(
        "assessments.AssessmentCycle", on_delete=models.CASCADE, related_name="submitted_focus"
    )
    indicator = models.ForeignKey(
        "assessments.Indicator", on_delete=models.PROTECT, related_name="+"
    )
    indicator_code = models.SlugField(max_length=64)
    is_latest = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "indicator"], name="submitted_focus_once")
        ]
        indexes = [
            models.Index(
                fields=["organisation"],
                condition=models.Q(is_latest=True),
                name="submitted_focus_latest",
            )
        ]

    def __str__(self) -> str:
        return self.indicator_code
