"""An organisation's domain area scores beside its peers': the median and middle half of
the latest submitted scores of the other organisations in its sector, and of each network
it has joined, among those that share their figures. Only an organisation that shares its
own figures sees them: comparison is what sharing gives in return. A comparison is shown
only where at least 5 other organisations contribute, with the date of its newest figures.

A group's scores are the same for every organisation that asks, change rarely, and at
national scale are tens of thousands of rows: each group's sorted scores are kept once
(trauma_wales.kept) under the version of everything peers' figures are built from
(`PEER_FIGURES`), so a submission, a member leaving or a change of sector anywhere is seen
on the next request. Each viewer's own latest scores are then taken out of its group
before the quartiles are worked out, so no organisation is compared with itself.
"""

import bisect
import statistics
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from assessments.models import SubmittedDomainScore
from assessments.selectors.scoring import round_half_up
from networks.disclosure import MIN_ORGANISATIONS
from networks.models import MembershipStatus, Network
from networks.selectors.networks import sharing_organisation_ids
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


@dataclass
class GroupScores:
    """Every sharing organisation's latest scores in a group, as kept: how many, each
    domain's scores sorted, and the newest submissions (two, so a viewer's own can be
    passed over)."""

    organisations: set[int] = field(default_factory=set)
    values: dict[str, list[int]] = field(default_factory=dict)
    newest: list[tuple[date, int]] = field(default_factory=list)


def _spread(values: list[int]) -> Spread:
    lower, median, upper = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(len(values), round_half_up(lower), round_half_up(median), round_half_up(upper))


def _group_scores(scores) -> GroupScores:
    group = GroupScores()
    newest: dict[int, date] = {}
    for organisation_id, code, percentage, submitted_on in scores.values_list(
        "organisation_id", "domain_code", "percentage", "submitted_on"
    ):
        group.organisations.add(organisation_id)
        newest[organisation_id] = submitted_on
        if percentage is not None:
            group.values.setdefault(code, []).append(percentage)
    for found in group.values.values():
        found.sort()
    group.newest = sorted(((day, pk) for pk, day in newest.items()), reverse=True)[:2]
    return group


def _without(group: GroupScores, label: str, organisation_id: int, own: dict) -> PeerGroup | None:
    """The group as one organisation sees it: its own scores taken out."""
    is_in = organisation_id in group.organisations
    count = len(group.organisations) - (1 if is_in else 0)
    if count < MIN_ORGANISATIONS:
        return None
    by_domain = {}
    for code, found in group.values.items():
        values = found
        if is_in and own.get(code) is not None:
            values = list(found)
            del values[bisect.bisect_left(values, own[code])]
        if len(values) >= MIN_ORGANISATIONS:
            by_domain[code] = _spread(values)
    as_of = next((day for day, pk in group.newest if pk != organisation_id), None)
    return PeerGroup(label=label, organisations=count, as_of=as_of, by_domain=by_domain)


def _latest(**where):
    return SubmittedDomainScore.objects.filter(is_latest=True, **where)


def peer_groups(*, organisation) -> list[PeerGroup]:
    """The sector's group, then one per network the organisation shares with: only for an
    organisation that shares its own figures (one query for any other)."""
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
    own = dict(_latest(organisation=organisation).values_list("domain_code", "percentage"))
    sector_label = str(dict(Sector.choices).get(organisation.sector, organisation.sector))
    groups = [
        _without(
            kept(
                ("peer-scores-sector", organisation.sector, version),
                lambda: _group_scores(
                    _latest(
                        organisation_id__in=sharing_organisation_ids(),
                        organisation__sector=organisation.sector,
                    )
                ),
            ),
            _("Other organisations in the %(sector)s sector") % {"sector": sector_label.lower()},
            organisation.pk,
            own,
        )
    ]
    for network in networks:

        def in_network(network: Network = network) -> GroupScores:
            return _group_scores(_latest(organisation_id__in=sharing_organisation_ids(network)))

        scores = kept(("peer-scores-network", network.pk, version), in_network)
        groups.append(
            _without(
                scores,
                _("Other members of %(network)s") % {"network": network.name},
                organisation.pk,
                own,
            )
        )
    return [group for group in groups if group is not None]
