"""The demo organisation's workforce: eight staff groups of a medium-sized housing
association across all four practice levels, counted twice (about six months ago and two
weeks ago) so the coverage page shows the change since the previous snapshot.

Built through the same services a person's clicks go through (with past dates for the
snapshots). Dates are relative to today. Safe to run again: an organisation that already
has staff groups is left alone.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from assessments.models import CycleStatus
from trauma_wales.demo_clock import as_if_on, days_ago
from workforce.models import StaffGroup
from workforce.selectors import current_levels
from workforce.services import cycle_coverage_record, staff_group_save, training_record

FIRST_COUNT_DAYS_AGO = 180
SECOND_COUNT_DAYS_AGO = 14


@dataclass(frozen=True)
class DemoGroup:
    name: str
    description: str
    headcount: int
    first: dict[str, int]  # level code: trained at the first count (its keys are the needs)
    second: dict[str, int]  # trained at the second count


DEMO_GROUPS = (
    DemoGroup(
        "Customer contact and reception",
        "Reception, front-desk and contact centre staff, often the first voice a tenant hears.",
        14,
        {"aware": 9, "skilled": 3},
        {"aware": 13, "skilled": 8},
    ),
    DemoGroup(
        "Housing officers",
        "Tenancy and neighbourhood officers who visit tenants at home, including about arrears.",
        22,
        {"aware": 15, "skilled": 6},
        {"aware": 20, "skilled": 11},
    ),
    DemoGroup(
        "Repairs and maintenance",
        "Trades staff and surveyors who work inside tenants' homes.",
        35,
        {"aware": 8},
        {"aware": 21},
    ),
    DemoGroup(
        "Supported housing workers",
        "Key workers in our hostels and supported flats for young people and people leaving "
        "prison.",
        18,
        {"aware": 18, "skilled": 12, "enhanced": 4},
        {"aware": 18, "skilled": 16, "enhanced": 9},
    ),
    DemoGroup(
        "Team leaders and managers",
        "Managers of front-line and supported housing teams, who also supervise staff.",
        12,
        {"aware": 10, "skilled": 5, "enhanced": 2},
        {"aware": 12, "skilled": 9, "enhanced": 5},
    ),
    DemoGroup(
        "Wellbeing and counselling service",
        "The in-house counsellor and the psychologist we commission for complex cases.",
        2,
        {"aware": 2, "specialist": 1},
        {"aware": 2, "specialist": 2},
    ),
    DemoGroup(
        "Board and executive team",
        "Board members and directors.",
        11,
        {"aware": 4},
        {"aware": 9},
    ),
    DemoGroup(
        "Finance, HR and office staff",
        "Colleagues in central teams with little day-to-day contact with tenants.",
        20,
        {"aware": 6},
        {"aware": 12},
    ),
)


def _count(group: StaffGroup, counts: dict[str, int], levels: dict, lead, day) -> StaffGroup:
    return training_record(
        group=group,
        actor=lead,
        trained={levels[code].pk: number for code, number in counts.items()},
        counted_on=day - timedelta(days=1),
        expected_version=group.version,
        today=day,
    )


def seed_workforce(organisation, lead_user, today: date) -> list[StaffGroup]:
    """The demo workforce for `organisation`, recorded by `lead_user` (left alone if the
    organisation has staff groups already), counted twice as if on those days
    (trauma_wales.demo_clock). Submitted cycles without recorded coverage (the demo
    baseline) get the first count, as if submitted just after it."""
    existing = list(StaffGroup.objects.filter(organisation=organisation))
    if existing:
        return existing
    levels = {level.code: level for level in current_levels()}
    first, second = days_ago(today, FIRST_COUNT_DAYS_AGO), days_ago(today, SECOND_COUNT_DAYS_AGO)
    groups = []
    with as_if_on(first):
        for item in DEMO_GROUPS:
            group = staff_group_save(
                organisation=organisation,
                actor=lead_user,
                name=item.name,
                description=item.description,
                headcount=item.headcount,
                level_ids=[levels[code].pk for code in item.first],
                today=first,
            )
            groups.append(_count(group, item.first, levels, lead_user, first))
    for cycle in organisation.assessment_cycles.filter(
        status=CycleStatus.SUBMITTED, workforce_coverage__isnull=True
    ):
        with as_if_on(timezone.localtime(cycle.submitted_at).date()):
            cycle_coverage_record(cycle=cycle)
    with as_if_on(second):
        return [
            _count(group, item.second, levels, lead_user, second)
            for group, item in zip(groups, DEMO_GROUPS, strict=True)
        ]
