"""The workforce page runs the same number of queries with 3 staff groups as with 40
(each needing one to four levels), for a lead (who also gets the plan a gap would go to)
and for a board member; the coverage recorded for a cycle is one query."""

from datetime import date

import pytest
from django.urls import reverse

from action_plans.models import PlanStatus
from assessments.models import CycleStatus
from tests.action_plans.factories import PlanFactory
from tests.assessments.factories import CycleFactory
from tests.conftest import client_for
from tests.workforce.factories import group_with_needs
from trauma_wales.permissions import Role
from workforce.models import CoverageSnapshot
from workforce.selectors import coverage_for_cycle
from workforce.services import cycle_coverage_record, snapshot_refresh

pytestmark = pytest.mark.django_db

LEVEL_SETS = [
    {"aware": 5},
    {"aware": 8, "skilled": 3},
    {"aware": 10, "skilled": 6, "enhanced": 1},
    {"aware": 10, "skilled": 10, "enhanced": 4, "specialist": 0},
]
# session, user, membership + organisation, framework, groups, needs, snapshots, and for a
# lead the latest cycle with a plan (the levels are held by the process: framework.content)
LEAD_QUERIES, BOARD_QUERIES = 8, 7


def add_groups(organisation, how_many: int) -> None:
    for n in range(how_many):
        group_with_needs(
            organisation, headcount=10 + n % 7, trained=LEVEL_SETS[n % len(LEVEL_SETS)]
        )


@pytest.fixture
def history(organisation, lead):
    """Two snapshots (so the change is worked out) and a draft plan (so gap links show)."""
    for day in (date(2025, 10, 1), date(2026, 3, 1)):
        snapshot_refresh(organisation=organisation, actor=lead, today=day)
    PlanFactory(
        cycle=CycleFactory(organisation=organisation, status=CycleStatus.SUBMITTED),
        status=PlanStatus.DRAFT,
    )


@pytest.mark.parametrize(
    ("role", "expected"), [(Role.LEAD, LEAD_QUERIES), (Role.BOARD, BOARD_QUERIES)]
)
@pytest.mark.parametrize("groups", [3, 40])
def test_workforce_page_queries_do_not_grow_with_staff_groups(
    organisation, member_for_role, history, django_assert_num_queries, role, expected, groups
):
    add_groups(organisation, groups)
    client = client_for(member_for_role(role))
    url = reverse("workforce:coverage", args=[organisation.slug])
    client.get(url)  # the framework content read once
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["coverage"].groups) == groups
    assert CoverageSnapshot.objects.count() == 2


@pytest.mark.parametrize("groups", [3, 40])
def test_coverage_for_a_cycle_is_one_query(organisation, lead, django_assert_num_queries, groups):
    add_groups(organisation, groups)
    snapshot_refresh(organisation=organisation, actor=lead, today=date(2026, 3, 1))
    cycle = CycleFactory(organisation=organisation, status=CycleStatus.SUBMITTED)
    cycle_coverage_record(cycle=cycle)
    with django_assert_num_queries(1):
        coverage = coverage_for_cycle(cycle)
    assert len(coverage.groups) == groups
