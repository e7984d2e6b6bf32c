"""Find cycles and response sets, always within one organisation."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from assessments.models import (
    AssessmentCycle,
    CycleContributor,
    CycleStatus,
    IndicatorAnswer,
    ReadinessAnswer,
    Response,
)
from assessments.selectors.progress import cycle_domains, readiness_item_total
from organisations.models import Membership
from trauma_wales.permissions import Capability, Role, role_can


def cycles_for_organisation(*, organisation) -> QuerySet[AssessmentCycle]:
    return (
        AssessmentCycle.objects.filter(organisation=organisation)
        .select_related("created_by", "submitted_by")
        .annotate(contributor_count=Count("contributors", distinct=True))
        .order_by("-period_start", "-created_at")
    )


@dataclass(frozen=True)
class CyclesAtAGlance:
    """For the organisation's overview: the cycle in progress and the latest submitted."""

    current_cycle: AssessmentCycle | None
    latest_submitted: AssessmentCycle | None


def cycles_at_a_glance(*, organisation) -> CyclesAtAGlance:
    """One query: at most one cycle is in progress (no submitted_at), so nulls first and
    then the latest submitted gives both in two rows."""
    cycles = list(
        AssessmentCycle.objects.filter(organisation=organisation).order_by(
            F("submitted_at").desc(nulls_first=True), "-created_at"
        )[:2]
    )
    return CyclesAtAGlance(
        current_cycle=next((c for c in cycles if not c.is_submitted), None),
        latest_submitted=next((c for c in cycles if c.is_submitted), None),
    )


def cycle_in_organisation(*, organisation, cycle_id: int) -> AssessmentCycle:
    try:
        cycle = AssessmentCycle.objects.select_related("framework").get(
            organisation=organisation, pk=cycle_id
        )
    except AssessmentCycle.DoesNotExist as missing:
        raise Http404("No such assessment in this organisation") from missing
    cycle.organisation = organisation  # the one the caller has: no second read
    return cycle


def previous_submitted_cycle(*, cycle: AssessmentCycle) -> AssessmentCycle | None:
    """The organisation's latest submitted cycle that started before this one."""
    return (
        AssessmentCycle.objects.filter(
            organisation_id=cycle.organisation_id, status=CycleStatus.SUBMITTED
        )
        .filter(
            Q(period_start__lt=cycle.period_start)
            | Q(period_start=cycle.period_start, created_at__lt=cycle.created_at)
        )
        .exclude(pk=cycle.pk)
        .select_related("framework")
        .order_by("-period_start", "-created_at")
        .first()
    )


def organisation_response_for(*, cycle: AssessmentCycle) -> Response:
    """The organisation's agreed answers; `cycle_start` creates it with the cycle."""
    response = Response.objects.get(cycle=cycle, contributor=None)
    response.cycle = cycle  # already loaded: saving a section reads it
    return response


def contributor_response_for(*, cycle: AssessmentCycle, user) -> Response | None:
    response = Response.objects.filter(cycle=cycle, contributor=user).first()
    if response is not None:
        response.cycle = cycle
    return response


def contributors_for_cycle(*, cycle: AssessmentCycle) -> QuerySet[CycleContributor]:
    return (
        CycleContributor.objects.filter(cycle=cycle)
        .select_related("user")
        .order_by("user__full_name")
    )


def contributor_candidates(*, cycle: AssessmentCycle, invited: set[int]) -> list[Membership]:
    """Members who can be asked for their views (every role but lead) not yet asked."""
    return list(
        Membership.objects.filter(organisation_id=cycle.organisation_id)
        .filter(role__in=[role for role in Role if role_can(role, Capability.GIVE_VIEWS)])
        .exclude(user_id__in=invited)
        .select_related("user")
        .order_by("user__full_name")
    )


@dataclass(frozen=True)
class ContributorProgress:
    contributor: CycleContributor
    completed: int
    total: int


def contributor_progress(
    *, cycle: AssessmentCycle, contributors: list[CycleContributor]
) -> list[ContributorProgress]:
    """How many sections each contributor has completed, in four queries in all."""
    domain_totals = {d.pk: d.indicator_total for d in cycle_domains(cycle=cycle)}
    readiness_total = readiness_item_total(cycle=cycle)
    answered = IndicatorAnswer.answered_condition()
    per_domain: dict[int, dict[int, int]] = {}
    for user_id, domain_id, n in (
        IndicatorAnswer.objects.filter(response__cycle=cycle, response__contributor__isnull=False)
        .filter(answered)
        .values_list("response__contributor_id", "indicator__domain_id")
        .annotate(n=Count("id"))
    ):
        per_domain.setdefault(user_id, {})[domain_id] = n
    readiness = dict(
        ReadinessAnswer.objects.filter(response__cycle=cycle, response__contributor__isnull=False)
        .exclude(value="")
        .values("response__contributor_id")
        .annotate(n=Count("id"))
        .values_list("response__contributor_id", "n")
    )
    rows = []
    for contributor in contributors:
        done = sum(
            1
            for domain_id, total in domain_totals.items()
            if total and per_domain.get(contributor.user_id, {}).get(domain_id, 0) >= total
        )
        done += (
            1 if readiness_total and readiness.get(contributor.user_id, 0) >= readiness_total else 0
        )
        rows.append(ContributorProgress(contributor, done, len(domain_totals) + 1))
    return rows


def views_given(*, cycle: AssessmentCycle) -> bool:
    """Whether any colleague asked for their views has saved an answer to this cycle."""
    colleagues = {"response__cycle": cycle, "response__contributor__isnull": False}
    return (
        IndicatorAnswer.objects.filter(**colleagues).exists()
        or ReadinessAnswer.objects.filter(**colleagues).exists()
    )
