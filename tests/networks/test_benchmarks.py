"""An organisation's scores beside its peers' (networks.selectors.benchmarks, on the
results page): the median and middle half of at least 5 other organisations that share,
in its sector and in each network it has joined; never itself or one that does not share;
kept, yet never out of date when a peer submits, leaves or changes sector."""

import pytest
from django.urls import reverse

from networks.selectors.benchmarks import peer_groups
from networks.services.memberships import network_leave
from organisations.models import Sector
from organisations.services import organisation_update
from tests.assessments.factories import submitted_cycle
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory, member_with_scores
from tests.organisations.factories import MembershipFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(framework_content):
    return NetworkFactory(slug="west-wales", name_en="West Wales", name_cy="Gorllewin Cymru")


@pytest.fixture
def ours(organisation, network):
    organisation.sector = Sector.HOUSING
    organisation.save()
    NetworkMembershipFactory(network=network, organisation=organisation)
    return submitted_cycle(organisation, score=3)


def _spread(group, code="leadership"):
    spread = group.by_domain[code]
    return (spread.organisations, spread.lower, spread.median, spread.upper)


def test_five_other_housing_members_give_a_sector_and_a_network_comparison(
    organisation, network, ours
):
    for score in (0, 1, 2, 3, 4):
        member_with_scores(network, sector=Sector.HOUSING, score=score)
    member_with_scores(network, sector=Sector.HOUSING, score=4, shares_figures=False)

    sector, in_network = peer_groups(organisation=organisation)

    assert sector.organisations == 5 and in_network.organisations == 5
    assert _spread(sector) == (5, 25, 50, 75)  # 0, 25, 50, 75, 100
    assert "West Wales" in in_network.label


def test_four_others_give_no_comparison(organisation, network, ours):
    for score in (0, 1, 2, 3):
        member_with_scores(network, sector=Sector.HOUSING, score=score)
    member_with_scores(network, sector=Sector.HEALTH, score=4)
    groups = peer_groups(organisation=organisation)
    assert [group.organisations for group in groups] == [5]  # the network's, not the sector's
    assert "housing" not in groups[0].label


def test_a_peer_submitting_or_leaving_shows_on_the_next_request(organisation, network, ours):
    peers = [member_with_scores(network, sector=Sector.HOUSING, score=2) for _ in range(5)]
    assert _spread(peer_groups(organisation=organisation)[0]) == (5, 50, 50, 50)

    for peer in peers[:2]:  # a newer submission is the peer's latest
        submitted_cycle(peer, year=2026, score=4)
    assert _spread(peer_groups(organisation=organisation)[0]) == (5, 50, 50, 100)

    lead = MembershipFactory(organisation=peers[1], role=Role.LEAD).user
    network_leave(membership=peers[1].network_memberships.get(), actor=lead)
    assert peer_groups(organisation=organisation) == []  # 4 left that share

    member_with_scores(network, sector=Sector.HEALTH, score=1)
    health = peers[2]
    lead = MembershipFactory(organisation=health, role=Role.LEAD).user
    organisation_update(
        organisation=health, actor=lead, name=health.name, sector=Sector.HEALTH,
        size_band=health.size_band, expected_version=health.version,
    )  # fmt: skip
    groups = peer_groups(organisation=organisation)
    assert [group.organisations for group in groups] == [5]  # in the network: 5 share


@pytest.fixture
def results_url(client, lead, organisation, network, ours):
    """The lead's results page, signed in, with five other housing members sharing."""
    for score in (0, 1, 2, 3, 4):
        member_with_scores(network, sector=Sector.HOUSING, score=score)
    client.force_login(lead)
    return reverse("assessments:results", args=[organisation.slug, ours.pk])


def test_the_results_page_shows_how_we_compare_in_welsh_too(client, results_url):
    url = results_url
    page = client.get(url).content.decode()
    assert "How we compare" in page and "25% to 75%" in page
    client.cookies["django_language"] = "cy"
    page = client.get(url).content.decode()
    assert "Gorllewin Cymru" in page and "How we compare" not in page


def test_an_organisation_that_does_not_share_sees_no_comparison(organisation, network, ours):
    for score in (0, 1, 2, 3, 4):
        member_with_scores(network, sector=Sector.HOUSING, score=score)
    membership = organisation.network_memberships.get()
    membership.shares_figures = False
    membership.save()
    assert peer_groups(organisation=organisation) == []


def test_asking_again_gives_the_same_groups_and_leaves_what_is_kept_alone(
    organisation, network, ours
):
    """What is kept is shared by every request of the process: a view of it must not
    change it (a list extended in place once repeated every comparison on each view)."""
    for score in (0, 1, 2, 3, 4):
        member_with_scores(network, sector=Sector.HOUSING, score=score)
    first = peer_groups(organisation=organisation)
    assert [group.label for group in first] == [
        group.label for group in peer_groups(organisation=organisation)
    ]
    assert peer_groups(organisation=organisation) == first and len(first) == 2


def test_each_viewer_is_left_out_of_its_own_group(organisation, network, ours):
    peers = [member_with_scores(network, sector=Sector.HOUSING, score=s) for s in (0, 1, 2, 3, 4)]
    ours_seen = peer_groups(organisation=organisation)[1]  # the network: 5 others
    assert _spread(ours_seen) == (5, 25, 50, 75)
    theirs = peer_groups(organisation=peers[0])[1]  # ours (75) and four others: 25..100
    assert theirs.organisations == 5 and _spread(theirs) == (5, 50, 75, 75)


def test_the_kept_section_follows_a_peer_on_the_next_request(client, network, results_url):
    assert "From 5 organisations" in client.get(results_url).content.decode()
    member_with_scores(network, sector=Sector.HEALTH, score=4)  # a submission elsewhere
    assert "From 6 organisations" in client.get(results_url).content.decode()
