"""The organisation's answers, section by section, for "check your answers"."""

from dataclasses import dataclass

from assessments.models import AssessmentCycle, Indicator, IndicatorAnswer, ReadinessAnswer
from assessments.selectors.cycles import organisation_response_for
from assessments.selectors.progress import section_progress
from assessments.selectors.questionnaire import readiness_themes


@dataclass(frozen=True)
class AnsweredQuestion:
    question: object
    answer: object | None


def indicators_by_domain(*, cycle: AssessmentCycle, response) -> list[dict]:
    """Each domain's active indicators in order, with this response's answer (two queries):
    [{"domain": Domain, "rows": [AnsweredQuestion, ...]}, ...]."""
    indicators = (
        Indicator.objects.filter(framework_id=cycle.framework_id, is_active=True)
        .select_related("domain")
        .order_by("domain__order", "order")
    )
    answers = {a.indicator_id: a for a in IndicatorAnswer.objects.filter(response=response)}
    domains: dict[int, dict] = {}
    for indicator in indicators:
        entry = domains.setdefault(indicator.domain_id, {"domain": indicator.domain, "rows": []})
        entry["rows"].append(AnsweredQuestion(indicator, answers.get(indicator.pk)))
    return list(domains.values())


def check_answers(*, cycle: AssessmentCycle) -> dict:
    response = organisation_response_for(cycle=cycle)
    themes = readiness_themes(cycle=cycle)
    readiness_answers = {a.item_id: a for a in ReadinessAnswer.objects.filter(response=response)}
    return {
        "readiness": [
            {
                "theme": theme,
                "rows": [
                    AnsweredQuestion(i, readiness_answers.get(i.pk)) for i in theme.active_items
                ],
            }
            for theme in themes
        ],
        "domains": indicators_by_domain(cycle=cycle, response=response),
        "sections": section_progress(cycle=cycle, response=response),
    }
