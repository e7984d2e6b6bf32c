"""An organisation's scores beside its peers' (networks.selectors.benchmarks, on the
results page and, when chosen, in the board report and its PDF): the median and middle
half of at least 5 other organisations that share, in its sector and in each network it
has joined; never itself or one that does not share; kept, yet never out of date when a
peer submits, leaves or changes sector."""

import io
import re

import pytest
from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from networks.selectors.benchmarks import peer_groups
from networks.services.memberships import network_leave
from organisations.models import Sector
from organisations.services import organisation_update
from reports.documents import downloadable_variants
from reports.models import StoredReport
from tests.assessments.factories import submitted_cycle
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory, member_with_scores
from tests.organisations.factories import MembershipFactory
from tests.reports.pdfs import pdf_download
from trauma_wales.models import AuditEntry
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


def test_the_results_page_draws_the_comparison_as_a_chart_with_its_figures(client, results_url):
    page = client.get(results_url).content.decode()
    chart = re.search(r'<svg[^>]*role="img".*?</svg>', page[page.index('id="compare"') :], re.S)
    title = re.search(r"<title[^>]*>(.*?)</title>", chart.group(0), re.S).group(1)
    assert "Leadership and governance: ours 75%, median 50%, middle half 25% to 75%" in title
    assert chart.group(0).count("<circle") == 6  # our score in each of the six domain areas
    assert chart.group(0).count('x="100.0" y="29" width="200.0"') == 6  # 25% to 75%, of 400


def _report(organisation, cycle, query="", name="reports:report"):
    url = reverse(name, args=[organisation.slug, cycle.pk])
    return f"{url}?{query}" if query else url


@pytest.fixture
def five_peers(network):
    return [member_with_scores(network, sector=Sector.HOUSING, score=s) for s in (0, 1, 2, 3, 4)]


def test_the_board_report_offers_the_comparison_and_shows_it_when_chosen(
    client, lead, organisation, ours, five_peers
):
    client.force_login(lead)
    page = client.get(_report(organisation, ours)).content.decode()
    assert 'name="compare"' in page and 'id="compare"' not in page  # offered, not chosen

    page = client.get(_report(organisation, ours, "version=summary&language=en&compare=yes"))
    html = page.content.decode()
    assert 'href="#compare"' in html and "How we compare" in html and "25% to 75%" in html
    assert "compare=yes" in html  # the PDF link asks for the same report

    welsh = client.get(_report(organisation, ours, "version=summary&language=cy&compare=yes"))
    assert "Sut rydym yn cymharu" in welsh.content.decode()


def test_the_report_offers_no_comparison_without_others_to_compare_with(
    client, lead, organisation, network, ours
):
    for score in (0, 1, 2, 3):  # four others: nothing shown on the results page either
        member_with_scores(network, sector=Sector.HOUSING, score=score)
    client.force_login(lead)
    html = client.get(_report(organisation, ours, "version=full&language=en&compare=yes"))
    assert 'name="compare"' not in html.content.decode()
    assert 'id="compare"' not in html.content.decode()


def test_an_organisation_that_stops_sharing_gets_no_comparison_in_its_report(
    client, lead, organisation, ours, five_peers
):
    membership = organisation.network_memberships.get()
    membership.shares_figures = False
    membership.save()
    client.force_login(lead)
    html = client.get(_report(organisation, ours, "version=full&language=en&compare=yes"))
    assert html.status_code == 200 and 'id="compare"' not in html.content.decode()


@pytest.mark.parametrize("answer", ["maybe", "on", "1"])
def test_a_comparison_answer_that_is_not_yes_or_no_is_explained(
    client, lead, organisation, ours, five_peers, answer
):
    client.force_login(lead)
    response = client.get(_report(organisation, ours, f"version=full&language=en&compare={answer}"))
    html = response.content.decode()
    assert response.status_code == 200 and "Choose yes or no" in html
    assert 'id="compare"' not in html  # the full report, as with no choice made


def test_the_compared_report_follows_a_peer_on_the_next_request(
    client, lead, organisation, network, ours, five_peers
):
    client.force_login(lead)
    url = _report(organisation, ours, "version=summary&language=en&compare=yes")
    assert "From 5 organisations" in client.get(url).content.decode()
    member_with_scores(network, sector=Sector.HEALTH, score=4)
    assert "From 6 organisations" in client.get(url).content.decode()


@pytest.mark.database_independent  # two PDFs made: what they say is read by the tests above
def test_pdfs_with_the_comparison_are_made_when_asked_for_not_ahead(
    client, lead, organisation, ours, five_peers
):
    assert not any(variant.with_comparison for variant in downloadable_variants())
    client.force_login(lead)
    url = _report(organisation, ours, "version=summary&language=cy&compare=yes", "reports:pdf")
    with TestCase.captureOnCommitCallbacks(execute=True):  # queued, then made (tests/reports/pdfs)
        waiting = client.get(url).content.decode()
    assert '<input type="hidden" name="compare" value="yes">' in waiting  # "Check again"
    pdf = client.get(url)
    assert "summary-with-comparison.pdf" in pdf["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.getvalue())).pages)
    assert "Sut rydym yn cymharu" in text and "Gorllewin Cymru" in text
    stored = StoredReport.objects.get(with_comparison=True)
    assert (stored.version, stored.language, stored.is_ready) == ("summary", "cy", True)
    entry = AuditEntry.objects.filter(action="report.downloaded").get()
    assert entry.details["comparison"] is True

    plain = _report(organisation, ours, "version=summary&language=cy", "reports:pdf")
    pdf = pdf_download(client, plain)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.getvalue())).pages)
    assert "Sut rydym yn cymharu" not in text


@pytest.mark.parametrize("others", [5, 12])
def test_the_compared_report_asks_the_same_queries_whatever_the_peers(
    client, lead, organisation, network, ours, others, django_assert_num_queries
):
    for number in range(others):
        member_with_scores(network, sector=Sector.HOUSING, score=number % 5)
    client.force_login(lead)
    url = _report(organisation, ours, "version=summary&language=en&compare=yes")
    client.get(url)
    with django_assert_num_queries(6):  # kept: the body, the controls, the comparison
        html = client.get(url).content.decode()
    assert f"From {others} organisations" in html
