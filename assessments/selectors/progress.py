"""Which sections of a response are not started, in progress or completed.

Derived from the answers on every request (never stored), in a fixed number of queries:
one for the domains, one per kind of count.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    READINESS_SECTION,
    AssessmentCycle,
    IndicatorAnswer,
    ReadinessAnswer,
    ReadinessItem,
    Response,
)
from framework.models import Domain
from trauma_wales.bilingual import LocalisedText

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"
STATUS_LABELS = {
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    COMPLETED: _("Completed"),
}


@dataclass(frozen=True)
class SectionProgress:
    key: str
    name: str | LocalisedText
    total: int
    answered: int
    saved: int  # rows saved, answered or not (notes only count as started)

    @property
    def status(self) -> str:
        if self.total and self.answered >= self.total:
            return COMPLETED
        if self.saved or self.answered:
            return IN_PROGRESS
        return NOT_STARTED

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def is_completed(self) -> bool:
        return self.status == COMPLETED


def cycle_domains(*, cycle: AssessmentCycle) -> list[Domain]:
    return list(
        Domain.objects.filter(framework_id=cycle.framework_id, is_active=True)
        .annotate(
            indicator_total=Count("indicators", filter=Q(indicators__is_active=True), distinct=True)
        )
        .order_by("order")
    )


def readiness_item_total(*, cycle: AssessmentCycle) -> int:
    return ReadinessItem.objects.filter(framework_id=cycle.framework_id, is_active=True).count()


def section_progress(*, cycle: AssessmentCycle, response: Response) -> list[SectionProgress]:
    """Readiness first, then each domain in order."""
    readiness_total = readiness_item_total(cycle=cycle)
    readiness = ReadinessAnswer.objects.filter(response=response, item__is_active=True).aggregate(
        answered=Count("id", filter=~Q(value="")), saved=Count("id")
    )
    by_domain = {
        row["indicator__domain_id"]: row
        for row in IndicatorAnswer.objects.filter(response=response, indicator__is_active=True)
        .values("indicator__domain_id")
        .annotate(
            answered=Count("id", filter=IndicatorAnswer.answered_condition()),
            saved=Count("id"),
        )
    }
    sections = [
        SectionProgress(
            key=READINESS_SECTION,
            name=_("Readiness"),
            total=readiness_total,
            answered=readiness["answered"],
            saved=readiness["saved"],
        )
    ]
    for domain in cycle_domains(cycle=cycle):
        counts = by_domain.get(domain.pk, {})
        sections.append(
            SectionProgress(
                key=domain.code,
                name=domain.name,
                total=domain.indicator_total,
                answered=counts.get("answered", 0),
                saved=counts.get("saved", 0),
            )
        )
    return sections


def incomplete_sections(*, cycle: AssessmentCycle, response: Response) -> list:
    return [s.name for s in section_progress(cycle=cycle, response=response) if not s.is_completed]
