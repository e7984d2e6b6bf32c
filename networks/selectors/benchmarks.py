"""An organisation's domain area scores beside its peers': the median and middle half of
the latest submitted scores of the other organisations in its sector, and of each network
it has joined, among those that share their figures. Only an organisation that shares its
own figures sees them: comparison is what sharing gives in return. A comparison is shown
only where at least 5 other organisations contribute, with the date of its newest figures.

The peers' figures are the same for every organisation that asks, change rarely, and at
national scale mean thousands of scores: each is kept (trauma_wales.kept) under the
version of everything peers' figures are built from (`PEER_FIGURES`), so a submission,
a member leaving or a change of sector anywhere is seen on the next request.
"""

import statistics
from dataclasses import dataclass
from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments.models import SubmittedDomainScore
from assessments.selectors.scoring import round_half_up
from networks.disclosure import MIN_ORGANISATIONS
from networks.models import MembershipStatus, Network, NetworkMembership
from organisations.models import Sector
from trauma_wales.kept import PEER_FIGURES, kept, shared_data_version


@dataclass(frozen=True)
class Spread:
    """The middle of a group's scores for one domain area: quartiles and median."""

    organisations: int
    lower: int
    median: int
    upper: int


@dataclass(frozen=True)
class PeerGroup:
    label: str
    organisations: int
    as_of: date | None
    by_domain: dict[str, Spread]


def _spread(values: list[int]) -> Spread:
    lower, median, upper = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(len(values), round_half_up(lower), round_half_up(median), round_half_up(upper))


def _group(scores, exclude_organisation_id: int) -> tuple[int, date | None, dict[str, list]]:
    rows = scores.exclude(organisation_id=exclude_organisation_id).values_list(
        "organisation_id", "domain_code", "percentage", "submitted_on"
    )
    organisations, newest = set(), None
    values: dict[str, list[int]] = {}
    for organisation_id, code, percentage, submitted_on in rows:
        organisations.add(organisation_id)
        newest = max(newest, submitted_on) if newest else submitted_on
        if percentage is not None:
            values.setdefault(code, []).append(percentage)
    return len(organisations), newest, values


def _peer_group(label: str, scores, organisation_id: int) -> PeerGroup | None:
    count, as_of, values = _group(scores, organisation_id)
    if count < MIN_ORGANISATIONS:
        return None
    return PeerGroup(
        label=label,
        organisations=count,
        as_of=as_of,
        by_domain={
            code: _spread(found)
            for code, found in values.items()
            if len(found) >= MIN_ORGANISATIONS
        },
    )


def _sharing_anywhere():
    return NetworkMembership.objects.filter(
        status=MembershipStatus.JOINED, shares_figures=True
    ).values("organisation_id")


def _latest():
    return SubmittedDomainScore.objects.filter(is_latest=True)


def peer_groups(*, organisation) -> list[PeerGroup]:
    """The sector's group, then one per network the organisation has joined: only for an
    organisation that shares its own figures with a network (one query for any other)."""
    networks = list(
        Network.objects.filter(
            memberships__organisation=organisation,
            memberships__status=MembershipStatus.JOINED,
            memberships__shares_figures=True,
        ).order_by("name_en")
    )
    if not networks:
        return []
    version = shared_data_version(PEER_FIGURES)
    sector_label = dict(Sector.choices).get(organisation.sector, organisation.sector)

    def sector() -> PeerGroup | None:
        scores = _latest().filter(
            organisation_id__in=_sharing_anywhere(), organisation__sector=organisation.sector
        )
        return _peer_group(
            _("Other organisations in the %(sector)s sector")
            % {"sector": str(sector_label).lower()},
            scores,
            organisation.pk,
        )

    def keep(parts: tuple, build) -> list[PeerGroup]:
        """A group, or none when too few contribute (kept as a list: None means "not kept")."""
        return kept(
            (*parts, organisation.pk, version, get_language()), lambda: [*filter(None, [build()])]
        )

    groups = keep(("peers-sector", organisation.sector), sector)
    for network in networks:

        def in_network(network=network) -> PeerGroup | None:
            members = NetworkMembership.objects.filter(
                network=network, status=MembershipStatus.JOINED, shares_figures=True
            ).values("organisation_id")
            return _peer_group(
                _("Other members of %(network)s") % {"network": network.name},
                _latest().filter(organisation_id__in=members),
                organisation.pk,
            )

        groups += keep(("peers-network", network.pk), in_network)
    return groups
