"""Reads of a network's case studies, for its members and its coordinators: the list
(highlighted first, then newest), the domain areas to filter it by, the indicators a
lead may write about, and one case study by id.

Only case studies of organisations that are in the network now are shown: leaving takes
an organisation's case studies out of the network's list. The list carries the
organisation's name only when its lead chose to show it, so a page cannot show what was
not shared.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404

from assessments.models import Indicator
from framework.content import held_items
from framework.models import Domain, FrameworkVersion
from networks.models import CaseStudy, MembershipStatus, Network, NetworkMembership
from trauma_wales.bilingual import LocalisedText


@dataclass(frozen=True)
class SharedCaseStudy:
    """One case study as members read it."""

    id: int
    title: str
    indicator: LocalisedText
    domain: LocalisedText
    what_changed: str
    what_helped: str
    published_at: datetime
    highlighted: bool
    organisation_name: str  # "" unless the lead chose to show it


def case_studies_for_network(*, network: Network, domain: str = "") -> list[SharedCaseStudy]:
    """The network's case studies from organisations in it now, highlighted first, then
    newest; only those about the domain area with code `domain`, when given. One query."""
    joined = NetworkMembership.objects.filter(
        network=network, status=MembershipStatus.JOINED
    ).values("organisation_id")
    studies = (
        CaseStudy.objects.filter(network=network, organisation_id__in=joined)
        .select_related("organisation", "indicator__domain")
        .order_by("-highlighted", "-published_at", "-id")
    )
    if domain:
        studies = studies.filter(indicator__domain__code=domain)
    return [
        SharedCaseStudy(
            id=study.pk,
            title=study.title,
            indicator=study.indicator.text,
            domain=study.indicator.domain.name,
            what_changed=study.what_changed,
            what_helped=study.what_helped,
            published_at=study.published_at,
            highlighted=study.highlighted,
            organisation_name=study.organisation.name if study.named else "",
        )
        for study in studies
    ]


def case_study_domains() -> list[tuple[str, str]]:
    """The current framework's domain areas, as (code, name), to filter the list by."""
    framework = FrameworkVersion.objects.current()
    if framework is None:
        return []
    return [(domain.code, domain.name) for domain in held_items(Domain, framework)]


def publishable_indicators() -> QuerySet[Indicator]:
    """The current framework's active indicators, with their domain areas, in framework
    order: what a case study may be about (none before any framework is loaded)."""
    framework = FrameworkVersion.objects.current()
    return (
        Indicator.objects.filter(framework=framework, is_active=True)
        .select_related("domain")
        .order_by("domain__order", "order")
    )


def case_study_in_network(network: Network, case_study_id: int) -> CaseStudy:
    """The case study with this id, if it was published to `network`; otherwise 404."""
    case_study = (
        CaseStudy.objects.filter(network=network, pk=case_study_id)
        .select_related("network", "organisation")
        .first()
    )
    if case_study is None:
        raise Http404("No such case study in this network")
    return case_study
