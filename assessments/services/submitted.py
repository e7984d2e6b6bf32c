"""Store what a submitted cycle found (assessments.models.submitted), and take it back
when the cycle is reopened. Both run inside `cycle_submit` and `cycle_reopen`, whose audit
entries record the change; the stored rows are a copy of what the answers say."""

from assessments.models import (
    AssessmentCycle,
    IndicatorAnswer,
    SubmittedDomainScore,
    SubmittedFocus,
)
from assessments.selectors.cycles import organisation_response_for
from assessments.selectors.scoring import domain_scores
from trauma_wales.kept import PEER_FIGURES, shared_data_version_bump


def submitted_scores_store(*, cycle: AssessmentCycle) -> None:
    """Store the cycle's domain scores and focus indicators as its organisation's latest."""
    response = organisation_response_for(cycle=cycle)
    domains = {domain.code: domain for domain in cycle.framework.domains.all()}
    submitted_on = cycle.submitted_at.date() if cycle.submitted_at else cycle.period_end
    SubmittedDomainScore.objects.filter(cycle=cycle).delete()
    SubmittedFocus.objects.filter(cycle=cycle).delete()
    SubmittedDomainScore.objects.bulk_create(
        SubmittedDomainScore(
            organisation_id=cycle.organisation_id,
            cycle=cycle,
            domain=domains[score.key],
            domain_code=score.key,
            percentage=score.percentage,
            answered=score.answered,
            applicable=score.applicable,
            submitted_on=submitted_on,
        )
        for score in domain_scores(cycle=cycle, response=response)
    )
    focus = IndicatorAnswer.objects.filter(
        IndicatorAnswer.needs_focus_condition(), response=response, indicator__is_active=True
    ).values_list("indicator_id", "indicator__code")
    SubmittedFocus.objects.bulk_create(
        SubmittedFocus(
            organisation_id=cycle.organisation_id,
            cycle=cycle,
            indicator_id=indicator_id,
            indicator_code=code,
        )
        for indicator_id, code in focus
    )
    _mark_latest(cycle.organisation_id)
    shared_data_version_bump(PEER_FIGURES)


def submitted_scores_forget(*, cycle: AssessmentCycle) -> None:
    """The cycle is open again: its findings are no longer its organisation's latest."""
    SubmittedDomainScore.objects.filter(cycle=cycle).delete()
    SubmittedFocus.objects.filter(cycle=cycle).delete()
    _mark_latest(cycle.organisation_id)
    shared_data_version_bump(PEER_FIGURES)


def _mark_latest(organisation_id: int) -> None:
    """Only the rows of the organisation's most recently submitted cycle are the latest."""
    latest = (
        AssessmentCycle.objects.filter(
            organisation_id=organisation_id, submitted_scores__isnull=False
        )
        .order_by("-submitted_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    for model in (SubmittedDomainScore, SubmittedFocus):
        rows = model.objects.filter(organisation_id=organisation_id)
        rows.exclude(cycle_id=latest).filter(is_latest=True).update(is_latest=False)
        rows.filter(cycle_id=latest, is_latest=False).update(is_latest=True)
