"""The working group's reflections on a cycle, one row per domain area in framework order
(with None where nothing is written yet), in two queries whatever the number of domains."""

from dataclasses import dataclass

from django.http import Http404

from assessments.models import AssessmentCycle, DomainReflection
from assessments.selectors.progress import cycle_domains
from framework.models import Domain
from trauma_wales.read_models import ReadModel


@dataclass(frozen=True)
class DomainReflectionRow(ReadModel):
    domain: Domain
    reflection: DomainReflection | None

    @property
    def is_written(self) -> bool:
        return self.reflection is not None and self.reflection.is_written


def cycle_reflections(*, cycle: AssessmentCycle) -> list[DomainReflectionRow]:
    saved = {
        r.domain_id: r
        for r in DomainReflection.objects.filter(cycle=cycle).select_related("edited_by")
    }
    return [
        DomainReflectionRow(domain=domain, reflection=saved.get(domain.pk))
        for domain in cycle_domains(cycle=cycle)
    ]


def reflection_for_domain(*, cycle: AssessmentCycle, code: str) -> DomainReflectionRow:
    """One domain area of the cycle by its code (404 if it has no such domain area)."""
    domain = Domain.objects.filter(framework_id=cycle.framework_id, code=code, is_active=True)
    found = domain.first()
    if found is None:
        raise Http404("No such domain in this assessment")
    reflection = DomainReflection.objects.filter(cycle=cycle, domain=found).first()
    return DomainReflectionRow(domain=found, reflection=reflection)
