"""List pages run a fixed number of queries, whatever the number of rows."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.organisations.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
)
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

# Session, person, membership, member count, and one read for each section (assessments,
# action plan, board report, networks, and for leads feedback rounds); a contributor's
# "asked for your views?" adds one.
OVERVIEW_QUERIES = 9


def count_queries(django_assert_max_num_queries, client, url, limit):
    """The page's query count; fails the test above `limit`."""
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_members_page_query_count_is_identical_at_two_sizes(
    organisation, lead, django_assert_max_num_queries
):
    url = reverse("organisations:members", args=[organisation.slug])
    client = client_for(lead)
    MembershipFactory.create_batch(2, organisation=organisation, role=Role.CONTRIBUTOR)
    InvitationFactory.create_batch(2, organisation=organisation)
    small = count_queries(django_assert_max_num_queries, client, url, 8)
    MembershipFactory.create_batch(38, organisation=organisation, role=Role.REVIEWER)
    InvitationFactory.create_batch(38, organisation=organisation)
    assert count_queries(django_assert_max_num_queries, client, url, 8) == small


def test_home_page_query_count_is_identical_at_two_sizes(lead, django_assert_max_num_queries):
    client = client_for(lead)
    MembershipFactory(organisation=OrganisationFactory(), user=lead, role=Role.BOARD)
    # 8: two are the networks' (invitations waiting on a lead, networks coordinated).
    small = count_queries(django_assert_max_num_queries, client, reverse("home"), 8)
    for _ in range(24):
        MembershipFactory(organisation=OrganisationFactory(), user=lead, role=Role.BOARD)
    assert count_queries(django_assert_max_num_queries, client, reverse("home"), 8) == small


def test_overview_query_count_is_identical_at_two_sizes(
    organisation, lead, django_assert_max_num_queries
):
    url = reverse("organisations:overview", args=[organisation.slug])
    client = client_for(lead)
    small = count_queries(django_assert_max_num_queries, client, url, OVERVIEW_QUERIES)
    MembershipFactory.create_batch(30, organisation=organisation, role=Role.BOARD)
    assert count_queries(django_assert_max_num_queries, client, url, OVERVIEW_QUERIES) == small


def test_overview_query_count_does_not_grow_with_assessment_cycles(
    organisation, lead, django_assert_max_num_queries
):
    from tests.assessments.factories import submitted_cycle

    url = reverse("organisations:overview", args=[organisation.slug])
    client = client_for(lead)
    submitted_cycle(organisation, year=2010)
    small = count_queries(django_assert_max_num_queries, client, url, OVERVIEW_QUERIES)
    for year in range(2011, 2020):
        submitted_cycle(organisation, year=year)
    assert count_queries(django_assert_max_num_queries, client, url, OVERVIEW_QUERIES) == small


def test_overview_shows_the_cycle_in_progress_among_many_submitted(organisation, lead):
    from tests.assessments.factories import CycleFactory, submitted_cycle

    for year in range(2015, 2020):
        submitted_cycle(organisation, year=year)
    in_progress = CycleFactory(organisation=organisation, name="Current one", year=2021)
    html = client_for(lead).get(reverse("organisations:overview", args=[organisation.slug]))
    html = html.content.decode()
    assert "Current one" in html
    assert reverse("assessments:hub", args=[organisation.slug, in_progress.pk]) in html
