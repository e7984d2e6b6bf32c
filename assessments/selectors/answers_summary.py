"""The organisation's answers, section by section, for "check your answers"."""

from dataclasses import dataclass

from assessments.models import (
    AssessmentCycle,
    Indicator,
    IndicatorAnswer,
    ReadinessAnswer,
    ReadinessItem,
    ReadinessTheme,
)
from assessments.selectors.cycles import organisation_response_for
from assessments.selectors.progress import SectionProgress, section_progress
from assessments.selectors.questionnaire import readiness_themes
from framework.models import Domain
from trauma_wales.read_models import ReadModel


@dataclass(frozen=True)
class AnsweredIndicator:
    question: Indicator
    answer: IndicatorAnswer | None


@dataclass(frozen=True)
class AnsweredReadiness:
    question: ReadinessItem
    answer: ReadinessAnswer | None


@dataclass(frozen=True)
class DomainAnswers:
    domain: Domain
    rows: list[AnsweredIndicator]


@dataclass(frozen=True)
class ThemeAnswers:
    theme: ReadinessTheme
    rows: list[AnsweredReadiness]


@dataclass(frozen=True)
class CheckAnswers(ReadModel):
    readiness: list[ThemeAnswers]
    domains: list[DomainAnswers]
    sections: list[SectionProgress]


def indicators_by_domain(*, cycle: AssessmentCycle, response) -> list[DomainAnswers]:
    """Each domain's active indicators in order, with this response's answer (two queries)."""
    indicators = (
        Indicator.objects.filter(framework_id=cycle.framework_id, is_active=True)
        .select_related("domain")
        .order_by("domain__order", "order")
    )
    answers = {a.indicator_id: a for a in IndicatorAnswer.objects.filter(response=response)}
    domains: dict[int, DomainAnswers] = {}
    for indicator in indicators:
        group = domains.setdefault(indicator.domain_id, DomainAnswers(indicator.domain, []))
        group.rows.append(AnsweredIndicator(indicator, answers.get(indicator.pk)))
    return list(domains.values())


def check_answers(*, cycle: AssessmentCycle) -> CheckAnswers:
    response = organisation_response_for(cycle=cycle)
    themes = readiness_themes(cycle=cycle)
    readiness_answers = {a.item_id: a for a in ReadinessAnswer.objects.filter(response=response)}
    return CheckAnswers(
        readiness=[
            ThemeAnswers(
                theme,
                [AnsweredReadiness(i, readiness_answers.get(i.pk)) for i in theme.active_items],
            )
            for theme in themes
        ],
        domains=indicators_by_domain(cycle=cycle, response=response),
        sections=section_progress(cycle=cycle, response=response),
    )
