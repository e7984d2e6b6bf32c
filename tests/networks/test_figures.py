"""A network's figures for its coordinators (networks.selectors.figures) and their page:
only members that have joined and share count; cells of fewer than 5 are hidden, with a
second beside a lone one; names only by consent; never an organisation's answers, notes,
plan or people; the same queries at two sizes; the CSV is the page's figures."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.models import MembershipStatus
from networks.selectors.figures import Stage, network_figures
from networks.services.memberships import network_leave
from organisations.models import Sector
from tests.accounts.factories import UserFactory
from tests.networks.factories import NetworkFactory, coordinator_of, member_with_scores
from tests.organisations.factories import MembershipFactory
from tests.workforce.factories import group_with_needs
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db


def _row(heatmap, domain_name: str):
    return next(row for row in heatmap.rows if row.domain == domain_name)


def _cells(heatmap, domain_name="Leadership and governance") -> dict:
    row = _row(heatmap, domain_name)
    return {column.key: cell for column, cell in zip(heatmap.columns, row.cells, strict=True)}


@pytest.fixture
def network(framework_content):
    return NetworkFactory(slug="west-wales", name_en="West Wales", name_cy="Gorllewin Cymru")


def test_only_members_that_joined_and_share_count(network):
    for score in (1, 2, 3, 4, 2):
        member_with_scores(network, sector=Sector.HOUSING, score=score)
    member_with_scores(network, sector=Sector.HOUSING, score=0, shares_figures=False)
    for status in (MembershipStatus.INVITED, MembershipStatus.DECLINED, MembershipStatus.LEFT):
        member_with_scores(network, sector=Sector.HOUSING, score=0, status=status)

    figures = network_figures(network=network)

    assert (figures.joined, figures.sharing, figures.invited) == (6, 5, 1)
    housing = _cells(figures.sector_heatmap)["housing"]
    assert (housing.count, housing.average) == (5, 60)  # 25, 50, 75, 100, 50
    assert sum(row.count for row in figures.stages) == 5
    assert {row.key: row.count for row in figures.stages}[str(Stage.ASSESSED)] == 5


def test_a_cell_of_4_is_hidden_with_the_smallest_beside_it_and_a_cell_of_5_is_shown(network):
    for _ in range(4):
        member_with_scores(network, sector=Sector.HEALTH, score=4)
    for _ in range(5):
        member_with_scores(network, sector=Sector.HOUSING, score=1)
    for _ in range(6):
        member_with_scores(network, sector=Sector.EDUCATION, score=2)

    cells = _cells(network_figures(network=network).sector_heatmap)
    assert cells["health"].hidden  # 4 organisations
    assert cells["housing"].hidden  # 5, but hidden so that health cannot be worked out
    assert (cells["education"].count, cells["education"].average) == (6, 50)
    total = _row(network_figures(network=network).sector_heatmap, "Leadership and governance").total
    assert (total.count, total.average) == (15, 55)  # (4*100 + 5*25 + 6*50) / 15

    member_with_scores(network, sector=Sector.HEALTH, score=4)
    cells = _cells(network_figures(network=network).sector_heatmap)
    assert (cells["health"].count, cells["health"].average) == (5, 100)
    assert not cells["housing"].hidden


def test_regions_count_an_organisation_once_in_each_region_it_works_in(network):
    for _ in range(5):
        member_with_scores(
            network, sector=Sector.HOUSING, score=2, areas=["swansea", "neath-port-talbot"]
        )
    for _ in range(5):
        member_with_scores(network, sector=Sector.HOUSING, score=4, areas=["cardiff"])
    figures = network_figures(network=network)
    cells = _cells(figures.area_heatmap)
    assert (cells["rpb-west-glamorgan"].count, cells["rpb-west-glamorgan"].average) == (5, 50)
    assert (cells["rpb-cardiff-and-vale"].count, cells["rpb-cardiff-and-vale"].average) == (5, 100)
    counts = {row.key: row.count for row in figures.by_area}
    assert counts["rpb-west-glamorgan"] == 5 and counts["rpb-gwent"] == 0


def test_leaving_stops_sharing_from_then_on(network):
    members = [member_with_scores(network, sector=Sector.HOUSING, score=2) for _ in range(5)]
    assert not _cells(network_figures(network=network).sector_heatmap)["housing"].hidden
    lead = MembershipFactory(organisation=members[0], role=Role.LEAD).user
    network_leave(membership=members[0].network_memberships.get(), actor=lead)
    figures = network_figures(network=network)
    assert figures.sharing == 4
    assert _cells(figures.sector_heatmap)["housing"].hidden


def test_focus_indicators_need_5_organisations_and_training_figures_too(network):
    for _ in range(5):
        member_with_scores(network, sector=Sector.HOUSING, score=1)  # every indicator: focus
    figures = network_figures(network=network)
    assert len(figures.focus) == 10 and {row.count for row in figures.focus} == {5}
    assert all(row.needed is None for row in figures.training)  # nobody counted training


@pytest.fixture
def coordinator(network):
    return coordinator_of(network, full_name="Carys Coordinator")


def test_the_page_shows_names_only_by_consent_and_nothing_of_any_organisation(
    client, network, coordinator
):
    named = member_with_scores(
        network, sector=Sector.HOUSING, score=2, shares_name=True, name="Tai Agored"
    )
    secret = member_with_scores(network, sector=Sector.HOUSING, score=3, name="Tŷ Cudd")
    for _ in range(3):
        member_with_scores(network, sector=Sector.HOUSING, score=2)
    person = MembershipFactory(
        organisation=secret, role=Role.LEAD, user=UserFactory(full_name="Ffion Secret")
    ).user
    client.force_login(coordinator)

    page = client.get(reverse("coordinator:network", args=[network.slug])).content.decode()

    assert "Tai Agored" in page
    assert "Tŷ Cudd" not in page and person.full_name not in page and person.email not in page
    assert "Minutes" not in page  # no answer's notes
    assert named.network_memberships.get().shares_name


def _chart_titles(page: str) -> list[str]:
    return re.findall(r'<svg[^>]*role="img"[^>]*>\s*<title[^>]*>(.*?)</title>', page, re.S)


def test_how_far_members_have_got_and_training_are_charts_beside_their_tables(
    client, network, coordinator
):
    members = [member_with_scores(network, sector=Sector.HOUSING, score=2) for _ in range(5)]
    client.force_login(coordinator)
    url = reverse("coordinator:network", args=[network.slug])

    titles = _chart_titles(client.get(url).content.decode())
    assert len(titles) == 1  # training: every level hidden, so the table alone says so
    assert "Assessed 100% (5 of 5)" in titles[0] and "Not started 0% (0 of 5)" in titles[0]

    for member in members[:4]:
        group_with_needs(member, headcount=10, trained={"aware": 4})
    assert len(_chart_titles(client.get(url).content.decode())) == 1  # 4 counted: hidden
    group_with_needs(members[4], headcount=10, trained={"aware": 9})
    training = _chart_titles(client.get(url).content.decode())[1]
    assert "Trauma-aware 50% (25 of 50)" in training  # 4 + 4 + 4 + 4 + 9 of 5 x 10
    assert "Trauma-skilled Hidden: figures from fewer than 5 organisations" in training


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_makes_the_same_queries_for_6_members_as_for_18(client, network, coordinator):
    client.force_login(coordinator)
    url = reverse("coordinator:network", args=[network.slug])
    for _ in range(6):  # every indicator rated 1: each is an area to focus on
        member_with_scores(network, sector=Sector.HOUSING, score=1, shares_name=True)
    small = _queries(client, url)
    for number in range(12):
        member_with_scores(
            network, sector=[Sector.HEALTH, Sector.EDUCATION][number % 2], score=number % 5,
            shares_name=number % 3 == 0, areas=["swansea"],
        )  # fmt: skip
    assert _queries(client, url) == small


def test_the_csv_holds_the_page_figures_and_is_recorded(client, network, coordinator):
    for _ in range(4):
        member_with_scores(network, sector=Sector.HEALTH, score=4)
    for _ in range(6):
        member_with_scores(network, sector=Sector.HOUSING, score=2)
    client.force_login(coordinator)

    response = client.get(reverse("coordinator:csv", args=[network.slug]))

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    by_sector = [
        r
        for r in rows
        if r[0] == "Average score by sector (%)" and r[1] == "Leadership and governance"
    ]
    assert [
        "Average score by sector (%)",
        "Leadership and governance",
        "Housing",
        "",
        "hidden: fewer than 5 organisations",
    ] in by_sector
    assert [
        "Average score by sector (%)",
        "Leadership and governance",
        "All members",
        "10",
        "70",
    ] in by_sector
    assert AuditEntry.objects.filter(action="network.downloaded", actor=coordinator).count() == 1
