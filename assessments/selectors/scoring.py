"""Scores for a cycle: per domain, per principle, overall, and readiness per theme.

Each score is the points given as a percentage of the maximum over the items answered
(Don't know, not applicable and unanswered items are left out of both), always with the
counts beside it: never a bare number. Items that do not apply to an organisation are
also left out of what "enough answers" is measured against. Scores describe
organisations, never people.
All sums and counts are done by the database; the number of queries does not depend on
the number of indicators, answers or cycles.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from assessments.models import (
    AssessmentCycle,
    IndicatorAnswer,
    Rating,
    ReadinessAnswer,
    ReadinessTheme,
    ReadinessValue,
    Response,
)
from assessments.models.cycles import RATING_MAX
from assessments.selectors.progress import cycle_domains
from framework.models import Principle

READY, PARTLY_READY, NOT_YET_READY, NOT_SURE, NO_ANSWERS, DOES_NOT_APPLY = (
    "ready", "partly", "not_yet", "not_sure", "none", "does_not_apply",
)  # fmt: skip


def round_half_up(value: float) -> int:
    """62.5 -> 63 and 2.5 -> 3, as people expect (Python's round() gives 62 and 2)."""
    return math.floor(value + 0.5)


@dataclass
class Score:
    key: str
    name: str
    total: int = 0
    answered: int = 0
    dont_know: int = 0
    points: int = 0
    not_applicable: int = 0
    previous: "Score | None" = None

    @property
    def applicable(self) -> int:
        """The items that apply to the organisation: what the score is about."""
        return self.total - self.not_applicable

    @property
    def none_apply(self) -> bool:
        return self.total > 0 and self.applicable == 0

    @property
    def enough_answered(self) -> bool:
        """A score is given only when at least half the items that apply are rated: a
        percentage resting on one or two answers would mislead a board."""
        return self.answered > 0 and self.answered * 2 >= self.applicable

    @property
    def too_few_answered(self) -> bool:
        """Some items are rated, but fewer than half: "not enough answers yet"."""
        return self.answered > 0 and not self.enough_answered

    @property
    def percentage(self) -> int | None:
        if not self.enough_answered:
            return None
        return round_half_up(100 * self.points / (self.answered * RATING_MAX))

    @property
    def average(self) -> float | None:
        """The mean rating (0 to 4) over rated items."""
        return round(self.points / self.answered, 1) if self.enough_answered else None

    @property
    def level_label(self):
        if not self.enough_answered:
            return None
        return Rating(round_half_up(self.points / self.answered)).label

    @property
    def unanswered(self) -> int:
        return self.total - self.answered - self.dont_know - self.not_applicable

    @property
    def change(self) -> int | None:
        if self.previous is None or self.percentage is None or self.previous.percentage is None:
            return None
        return self.percentage - self.previous.percentage


@dataclass
class ThemeSummary:
    key: str
    name: str
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def answered(self) -> int:
        return sum(
            self.counts.get(v, 0)
            for v in (ReadinessValue.YES, ReadinessValue.PARTLY, ReadinessValue.NOT_YET)
        )

    @property
    def dont_know(self) -> int:
        return self.counts.get(ReadinessValue.DONT_KNOW, 0)

    @property
    def not_applicable(self) -> int:
        return self.counts.get(ReadinessValue.NOT_APPLICABLE, 0)

    @property
    def status(self) -> str:
        """Ready only when every item that applies is Yes. Not yet: most answered items are
        Not yet. Not sure yet: some are Don't know (never Ready). Otherwise partly ready."""
        yes = self.counts.get(ReadinessValue.YES, 0)
        not_yet = self.counts.get(ReadinessValue.NOT_YET, 0)
        if self.total and self.not_applicable == self.total:
            return DOES_NOT_APPLY
        if not self.answered and not self.dont_know:
            return NO_ANSWERS
        if yes and yes == self.total - self.not_applicable:
            return READY
        if not_yet * 2 > self.answered:
            return NOT_YET_READY
        if self.dont_know:
            return NOT_SURE
        return PARTLY_READY


@dataclass
class CycleScores:
    domains: list[Score]
    principles: list[Score]
    overall: Score
    readiness: list[ThemeSummary]


def _add(score: Score, row: dict) -> Score:
    score.points = row.get("points") or 0
    score.answered = row.get("answered") or 0
    score.dont_know = row.get("dont_know") or 0
    score.not_applicable = row.get("not_applicable") or 0
    return score


ANSWER_SUMS = {
    "points": Sum("score"),
    "answered": Count("id", filter=Q(score__isnull=False)),
    "dont_know": Count("id", filter=Q(dont_know=True)),
    "not_applicable": Count("id", filter=Q(not_applicable=True)),
}


@dataclass(frozen=True)
class FrameworkTotals:
    """A framework version's domains and principles, each with its active indicator count."""

    domains: list
    principles: list


def framework_totals(*, cycle: AssessmentCycle) -> FrameworkTotals:
    principles = (
        Principle.objects.filter(framework_id=cycle.framework_id, is_active=True)
        .annotate(
            indicator_total=Count("indicators", filter=Q(indicators__is_active=True), distinct=True)
        )
        .order_by("order")
    )
    return FrameworkTotals(domains=cycle_domains(cycle=cycle), principles=list(principles))


def domain_scores(
    *, cycle: AssessmentCycle, response: Response, totals: FrameworkTotals | None = None
) -> list[Score]:
    domains = totals.domains if totals else cycle_domains(cycle=cycle)
    rows = {
        row["indicator__domain_id"]: row
        for row in IndicatorAnswer.objects.filter(response=response, indicator__is_active=True)
        .values("indicator__domain_id")
        .annotate(**ANSWER_SUMS)
    }
    return [
        _add(Score(key=d.code, name=d.name, total=d.indicator_total), rows.get(d.pk, {}))
        for d in domains
    ]


def principle_scores(
    *, cycle: AssessmentCycle, response: Response, totals: FrameworkTotals | None = None
) -> list[Score]:
    principles = (totals or framework_totals(cycle=cycle)).principles
    rows = {
        row["indicator__principles"]: row
        for row in IndicatorAnswer.objects.filter(response=response, indicator__is_active=True)
        .values("indicator__principles")
        .annotate(**ANSWER_SUMS)
    }
    return [
        _add(Score(key=p.code, name=p.name, total=p.indicator_total), rows.get(p.pk, {}))
        for p in principles
    ]


def overall_score(domains: list[Score]) -> Score:
    """Domains partition the indicators, so the overall score is their sum."""
    return Score(
        key="overall",
        name="",
        total=sum(d.total for d in domains),
        answered=sum(d.answered for d in domains),
        dont_know=sum(d.dont_know for d in domains),
        not_applicable=sum(d.not_applicable for d in domains),
        points=sum(d.points for d in domains),
    )


def readiness_summary(*, cycle: AssessmentCycle, response: Response) -> list[ThemeSummary]:
    themes = (
        ReadinessTheme.objects.filter(framework_id=cycle.framework_id, is_active=True)
        .annotate(item_total=Count("items", filter=Q(items__is_active=True), distinct=True))
        .order_by("order")
    )
    counts: dict[int, dict[str, int]] = {}
    for row in (
        ReadinessAnswer.objects.filter(response=response, item__is_active=True)
        .exclude(value="")
        .values("item__theme_id", "value")
        .annotate(n=Count("id"))
    ):
        counts.setdefault(row["item__theme_id"], {})[row["value"]] = row["n"]
    return [
        ThemeSummary(key=t.code, name=t.name, total=t.item_total, counts=counts.get(t.pk, {}))
        for t in themes
    ]


def cycle_scores(
    *,
    cycle: AssessmentCycle,
    response: Response,
    totals: FrameworkTotals | None = None,
    with_readiness: bool = True,
) -> CycleScores:
    """All scores for a response. Pass `totals` to reuse them across cycles of the same
    framework version; a comparison does not need readiness."""
    totals = totals or framework_totals(cycle=cycle)
    domains = domain_scores(cycle=cycle, response=response, totals=totals)
    return CycleScores(
        domains=domains,
        principles=principle_scores(cycle=cycle, response=response, totals=totals),
        overall=overall_score(domains),
        readiness=readiness_summary(cycle=cycle, response=response) if with_readiness else [],
    )


def compare(current: list[Score], previous: list[Score]) -> None:
    """Attach the previous cycle's score with the same code (frameworks may differ)."""
    by_key = {score.key: score for score in previous}
    for score in current:
        score.previous = by_key.get(score.key)
