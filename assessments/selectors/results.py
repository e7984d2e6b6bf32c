"""Everything the results page shows for a cycle, gathered once.

The organisation's agreed answers are scored; the previous submitted cycle is scored the
same way and matched by domain and principle code, so the comparison still works when
the two cycles used different framework versions.
"""

from dataclasses import dataclass

from django.db.models import Q

from assessments.models import (
    AssessmentCycle,
    DomainTarget,
    IndicatorAnswer,
    Rating,
    ReadinessAnswer,
    ReadinessValue,
    rating_label,
)
from assessments.selectors.cycles import organisation_response_for, previous_submitted_cycle
from assessments.selectors.scoring import (
    CycleScores,
    Score,
    compare,
    cycle_scores,
    framework_totals,
)

STRENGTH_MIN_PERCENTAGE = 50


def _level_label(level: int | None) -> str:
    return rating_label(level) if level is not None else ""


@dataclass
class TargetRow:
    score: Score
    target: int | None
    previous_target: int | None

    @property
    def target_label(self) -> str:
        return _level_label(self.target)

    @property
    def previous_target_label(self) -> str:
        return _level_label(self.previous_target)

    @property
    def previous_target_met(self) -> bool | None:
        if self.previous_target is None or self.score.average is None:
            return None
        return self.score.average >= self.previous_target


@dataclass
class CycleResults:
    cycle: AssessmentCycle
    scores: CycleScores
    previous_cycle: AssessmentCycle | None
    focus: list[IndicatorAnswer]
    strongest: list[Score]
    embedded: list[IndicatorAnswer]
    targets: list[TargetRow]
    # Answered "Don't know": shown as something to find out, as the question pages promise.
    to_find_out: list[IndicatorAnswer]
    readiness_to_find_out: list[ReadinessAnswer]
    # Answered "Not applicable": left out of the scores, so listed with the reasons.
    not_applicable: list[IndicatorAnswer]
    readiness_not_applicable: list[ReadinessAnswer]

    @property
    def has_answers(self) -> bool:
        overall = self.scores.overall
        return overall.answered + overall.dont_know + overall.not_applicable > 0

    @property
    def previous_framework_differs(self) -> bool:
        """The previous cycle was answered against another framework version: its set of
        indicators differs, so a change in score is not like for like."""
        return (
            self.previous_cycle is not None
            and self.previous_cycle.framework_id != self.cycle.framework_id
        )


def _targets_by_code(cycle: AssessmentCycle | None) -> dict[str, int]:
    if cycle is None:
        return {}
    return dict(DomainTarget.objects.filter(cycle=cycle).values_list("domain__code", "level"))


def cycle_results(*, cycle: AssessmentCycle) -> CycleResults:
    response = organisation_response_for(cycle=cycle)
    totals = framework_totals(cycle=cycle)
    scores = cycle_scores(cycle=cycle, response=response, totals=totals)
    previous = previous_submitted_cycle(cycle=cycle)
    if previous is not None:
        same_framework = previous.framework_id == cycle.framework_id
        before = cycle_scores(
            cycle=previous,
            response=organisation_response_for(cycle=previous),
            totals=totals if same_framework else None,
            with_readiness=False,
        )
        compare(scores.domains, before.domains)
        compare(scores.principles, before.principles)
        scores.overall.previous = before.overall
    answers = (
        IndicatorAnswer.objects.filter(response=response, indicator__is_active=True)
        .filter(
            IndicatorAnswer.needs_focus_condition()
            | Q(score=Rating.EMBEDDED)
            | Q(dont_know=True)
            | Q(not_applicable=True)
        )
        .select_related("indicator__domain")
        .order_by("indicator__domain__order", "indicator__order")
    )
    focus, embedded, to_find_out, not_applicable = [], [], [], []
    for answer in answers:
        if answer.not_applicable:
            not_applicable.append(answer)
        if answer.needs_focus:
            focus.append(answer)
        if answer.score == Rating.EMBEDDED:
            embedded.append(answer)
        if answer.dont_know:
            to_find_out.append(answer)
    readiness_to_find_out, readiness_not_applicable = [], []
    for item_answer in (
        ReadinessAnswer.objects.filter(
            response=response,
            item__is_active=True,
            value__in=[ReadinessValue.DONT_KNOW, ReadinessValue.NOT_APPLICABLE],
        )
        .select_related("item__theme")
        .order_by("item__theme__order", "item__order")
    ):
        if item_answer.is_not_applicable:
            readiness_not_applicable.append(item_answer)
        else:
            readiness_to_find_out.append(item_answer)
    strongest = sorted(
        (d for d in scores.domains if (d.percentage or 0) >= STRENGTH_MIN_PERCENTAGE),
        key=lambda d: -(d.percentage or 0),
    )[:2]
    targets_now, targets_before = _targets_by_code(cycle), _targets_by_code(previous)
    targets = [
        TargetRow(score=d, target=targets_now.get(d.key), previous_target=targets_before.get(d.key))
        for d in scores.domains
    ]
    return CycleResults(
        cycle=cycle,
        scores=scores,
        previous_cycle=previous,
        focus=focus,
        strongest=strongest,
        embedded=embedded,
        targets=targets,
        to_find_out=to_find_out,
        readiness_to_find_out=readiness_to_find_out,
        not_applicable=not_applicable,
        readiness_not_applicable=readiness_not_applicable,
    )
