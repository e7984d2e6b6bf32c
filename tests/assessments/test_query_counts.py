"""Assessment selectors and pages run a fixed number of queries, whatever the number of
contributors, answers or earlier cycles. Each test measures at a small size, adds data,
measures again, and needs the same count (and a ceiling, so a regression shows)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import AssessmentCycle, DomainTarget
from assessments.selectors.progress import section_progress
from tests.assessments.factories import (
    CycleFactory,
    add_contributor,
    answer_everything,
    org_response,
    submitted_cycle,
)

pytestmark = pytest.mark.django_db

# A little above today's counts (hub 10, domain 11, check 14, results 14 to 22).
PAGE_CEILING = 25
HUB_CEILING, DOMAIN_CEILING, CHECK_CEILING = 12, 13, 16


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def add_contributors(cycle, how_many: int, answered: bool = False) -> None:
    for n in range(how_many):
        view = add_contributor(cycle)
        if answered:
            answer_everything(view, score=n % 5)


@pytest.fixture
def cycle(organisation):
    return CycleFactory(organisation=organisation, year=2026)


def progress_queries(cycle_pk: int, contributor_view: bool = False) -> tuple[int, list]:
    cycle = AssessmentCycle.objects.get(pk=cycle_pk)  # fresh: nothing cached on it
    response = (
        cycle.responses.filter(contributor__isnull=False).first()
        if contributor_view
        else org_response(cycle)
    )
    with CaptureQueriesContext(connection) as captured:
        sections = section_progress(cycle=cycle, response=response)
    return len(captured.captured_queries), sections


@pytest.mark.parametrize("contributor_view", [False, True])
def test_section_progress_queries_do_not_grow_with_contributors(cycle, contributor_view):
    answer_everything(org_response(cycle))
    add_contributors(cycle, 1, answered=True)
    small, sections = progress_queries(cycle.pk, contributor_view)

    add_contributors(cycle, 7, answered=True)
    large, _ = progress_queries(cycle.pk, contributor_view)

    assert large == small <= 6
    assert len(sections) == 7


def test_hub_page_queries_do_not_grow_with_contributors(organisation, cycle, lead_client):
    url = reverse("assessments:hub", args=[organisation.slug, cycle.pk])
    answer_everything(org_response(cycle))
    add_contributors(cycle, 1)
    page_queries(lead_client, url)  # warm up (session, caches)
    small = page_queries(lead_client, url)

    add_contributors(cycle, 7, answered=True)
    large = page_queries(lead_client, url)

    assert large == small <= HUB_CEILING


def test_domain_page_queries_do_not_grow_with_contributors_views(organisation, cycle, lead_client):
    url = reverse("assessments:domain", args=[organisation.slug, cycle.pk, "policy"])
    answer_everything(org_response(cycle), score=3)
    add_contributors(cycle, 1, answered=True)
    page_queries(lead_client, url)
    small = page_queries(lead_client, url)

    add_contributors(cycle, 7, answered=True)
    large = page_queries(lead_client, url)

    assert large == small <= DOMAIN_CEILING


def test_results_page_queries_do_not_grow_with_earlier_cycles(organisation, lead_client):
    cycle = CycleFactory(organisation=organisation, year=2030)
    answer_everything(org_response(cycle), score=3)
    url = reverse("assessments:results", args=[organisation.slug, cycle.pk])
    first = submitted_cycle(organisation, year=2029, score=1)
    domains = list(cycle.framework.domains.all())
    DomainTarget.objects.bulk_create(DomainTarget(cycle=first, domain=d, level=2) for d in domains)
    page_queries(lead_client, url)
    small = page_queries(lead_client, url)

    for year in range(2025, 2029):
        earlier = submitted_cycle(organisation, year=year, score=year % 5)
        DomainTarget.objects.bulk_create(
            DomainTarget(cycle=earlier, domain=d, level=3) for d in domains
        )
    add_contributors(cycle, 3, answered=True)
    page_queries(lead_client, url)  # the earlier cycles changed what peers are compared on
    large = page_queries(lead_client, url)

    assert large == small <= PAGE_CEILING


def test_results_page_of_a_first_cycle(organisation, cycle, lead_client):
    url = reverse("assessments:results", args=[organisation.slug, cycle.pk])
    page_queries(lead_client, url)
    empty = page_queries(lead_client, url)

    answer_everything(org_response(cycle), score=0)  # every answer is a focus area
    assert page_queries(lead_client, url) == empty <= PAGE_CEILING


def test_check_page_queries_do_not_grow_with_answers(organisation, cycle, lead_client):
    url = reverse("assessments:check", args=[organisation.slug, cycle.pk])
    add_contributors(cycle, 1, answered=True)
    page_queries(lead_client, url)
    small = page_queries(lead_client, url)

    answer_everything(org_response(cycle), score=4)
    add_contributors(cycle, 7, answered=True)
    large = page_queries(lead_client, url)

    assert large == small <= CHECK_CEILING
