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


def count_queries(django_assert_max_num_queries, client, url, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("size", [2, 40])
def test_members_page_queries_do_not_grow_with_members(
    organisation, lead, size, django_assert_max_num_queries
):
    MembershipFactory.create_batch(size, organisation=organisation, role=Role.CONTRIBUTOR)
    InvitationFactory.create_batch(size, organisation=organisation)
    url = reverse("organisations:members", args=[organisation.slug])
    assert count_queries(django_assert_max_num_queries, client_for(lead), url, 8) <= 8


@pytest.mark.parametrize("size", [1, 25])
def test_home_page_queries_do_not_grow_with_organisations(
    lead, size, django_assert_max_num_queries
):
    for _ in range(size):
        MembershipFactory(organisation=OrganisationFactory(), user=lead, role=Role.BOARD)
    assert count_queries(django_assert_max_num_queries, client_for(lead), reverse("home"), 6) <= 6


def test_members_page_query_count_is_identical_at_two_sizes(
    organisation, lead, django_assert_max_num_queries
):
    url = reverse("organisations:members", args=[organisation.slug])
    client = client_for(lead)
    small = count_queries(django_assert_max_num_queries, client, url, 8)
    MembershipFactory.create_batch(30, organisation=organisation, role=Role.REVIEWER)
    InvitationFactory.create_batch(30, organisation=organisation)
    assert count_queries(django_assert_max_num_queries, client, url, 8) == small


def test_overview_query_count_is_identical_at_two_sizes(
    organisation, lead, django_assert_max_num_queries
):
    url = reverse("organisations:overview", args=[organisation.slug])
    client = client_for(lead)
    small = count_queries(django_assert_max_num_queries, client, url, 6)
    MembershipFactory.create_batch(30, organisation=organisation, role=Role.BOARD)
    assert count_queries(django_assert_max_num_queries, client, url, 6) == small


@pytest.mark.parametrize("cycles", [1, 10])
def test_overview_query_count_does_not_grow_with_assessment_cycles(
    organisation, lead, cycles, django_assert_max_num_queries
):
    from tests.assessments.factories import submitted_cycle

    for year in range(2010, 2010 + cycles):
        submitted_cycle(organisation, year=year)
    url = reverse("organisations:overview", args=[organisation.slug])
    assert count_queries(django_assert_max_num_queries, client_for(lead), url, 6) <= 6


def test_overview_shows_the_cycle_in_progress_among_many_submitted(organisation, lead):
    from tests.assessments.factories import CycleFactory, submitted_cycle

    for year in range(2015, 2020):
        submitted_cycle(organisation, year=year)
    in_progress = CycleFactory(organisation=organisation, name="Current one", year=2021)
    html = client_for(lead).get(reverse("organisations:overview", args=[organisation.slug]))
    html = html.content.decode()
    assert "Current one" in html
    assert reverse("assessments:hub", args=[organisation.slug, in_progress.pk]) in html
