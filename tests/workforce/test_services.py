"""Workforce services: saving groups and training counts, refusing bad input with a clear
message and nothing saved, dated snapshots, and the coverage a submitted cycle keeps."""

from datetime import date

import pytest
from django.utils import timezone

from assessments.models import CycleStatus
from assessments.services.cycles import cycle_reopen, cycle_submit
from tests.assessments.factories import CycleFactory, answer_everything, org_response
from tests.workforce.factories import group_with_needs, level
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry
from workforce.models import (
    CoverageSnapshot,
    CycleCoverage,
    StaffGroup,
    StaffGroupNeed,
)
from workforce.selectors import coverage_for_cycle
from workforce.services import (
    cycle_coverage_record,
    staff_group_delete,
    staff_group_save,
    training_record,
)

pytestmark = pytest.mark.django_db

DAY_1, DAY_2, DAY_3 = date(2025, 10, 1), date(2026, 3, 1), date(2026, 3, 2)


def save(organisation, lead, group=None, today=DAY_1, **overrides):
    values = {
        "name": "Housing officers",
        "description": "Officers who visit tenants at home",
        "headcount": 12,
        "level_ids": [level("aware").pk, level("skilled").pk],
    }
    values.update(overrides)
    return staff_group_save(
        organisation=organisation,
        actor=lead,
        group=group,
        expected_version=stored_version(group),
        today=today,
        **values,
    )


def stored_version(group):
    """The version saved now: these tests are about one person's changes, made in turn
    (tests/workforce/test_stale_edits.py has two people at once)."""
    return StaffGroup.objects.get(pk=group.pk).version if group is not None else None


def record(group, lead, today=DAY_1, counted_on=None, **trained):
    return training_record(
        group=group,
        actor=lead,
        trained={level(code).pk: number for code, number in trained.items()},
        counted_on=counted_on or today,
        expected_version=stored_version(group),
        today=today,
    )


def needs_of(group):
    return {n.level.code: (n.trained, n.counted_on) for n in group.needs.select_related("level")}


def nothing_changed(organisation):
    return (
        StaffGroup.objects.filter(organisation=organisation).count(),
        StaffGroupNeed.objects.filter(group__organisation=organisation).count(),
        CoverageSnapshot.objects.filter(organisation=organisation).count(),
        AuditEntry.objects.filter(organisation=organisation).count(),
    )


def test_a_group_is_saved_with_its_levels_an_audit_entry_and_a_snapshot(organisation, lead):
    group = save(organisation, lead)
    assert (group.name, group.headcount) == ("Housing officers", 12)
    assert needs_of(group) == {"aware": (0, None), "skilled": (0, None)}
    entry = AuditEntry.objects.get(action="workforce.group_created")
    assert entry.actor == lead
    assert entry.details["levels"] == ["aware", "skilled"]
    snapshot = CoverageSnapshot.objects.get(organisation=organisation)
    assert snapshot.taken_on == DAY_1
    assert snapshot.figures["groups"][0]["headcount"] == 12


def test_changing_the_levels_keeps_counts_for_levels_still_needed(organisation, lead):
    group = save(organisation, lead)
    record(group, lead, aware=10, skilled=4)
    save(
        organisation,
        lead,
        group=group,
        name="Housing officers",
        level_ids=[level("aware").pk, level("enhanced").pk],
    )
    assert needs_of(group) == {"aware": (10, DAY_1), "enhanced": (0, None)}


def test_training_counts_are_recorded_with_their_date(organisation, lead):
    group = save(organisation, lead)
    record(group, lead, today=DAY_2, counted_on=date(2026, 2, 27), aware=12, skilled=0)
    assert needs_of(group) == {"aware": (12, date(2026, 2, 27)), "skilled": (0, date(2026, 2, 27))}
    assert AuditEntry.objects.filter(action="workforce.training_recorded").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"description": "x" * 301}, "description"),
        ({"headcount": -1}, "headcount"),
        ({"headcount": 1_000_001}, "headcount"),
        ({"headcount": "12"}, "headcount"),
        ({"level_ids": []}, "levels"),
        ({"level_ids": [999_999]}, "levels"),
    ],
    ids=[
        "blank name",
        "long name",
        "long description",
        "negative",
        "too many",
        "not a number",
        "no levels",
        "tampered level",
    ],
)
def test_bad_group_details_are_refused_and_nothing_is_saved(organisation, lead, overrides, field):
    before = nothing_changed(organisation)
    with pytest.raises(DomainError) as refused:
        save(organisation, lead, **overrides)
    assert refused.value.field == field
    assert refused.value.message
    assert nothing_changed(organisation) == before


def test_a_level_of_an_older_framework_version_is_refused(organisation, lead, tmp_path):
    from tests.assessments.factories import new_framework_version

    old_level = level("aware")
    new_framework_version(tmp_path)
    with pytest.raises(DomainError, match="Choose practice levels from the list"):
        save(organisation, lead, level_ids=[old_level.pk])
    assert not StaffGroup.objects.exists()


def test_a_second_group_with_the_same_name_in_any_case_is_refused(organisation, lead):
    save(organisation, lead)
    before = nothing_changed(organisation)
    with pytest.raises(DomainError, match="already a staff group called") as refused:
        save(organisation, lead, name="HOUSING OFFICERS")
    assert refused.value.field == "name"
    assert nothing_changed(organisation) == before


def test_another_organisation_may_use_the_same_name(organisation, other_organisation, lead):
    save(organisation, lead)
    save(other_organisation, lead)
    assert StaffGroup.objects.filter(name="Housing officers").count() == 2


def test_headcount_below_a_recorded_count_is_refused(organisation, lead):
    group = save(organisation, lead)
    record(group, lead, aware=10, skilled=4)
    with pytest.raises(DomainError, match="10 people in this group are recorded as trained"):
        save(organisation, lead, group=group, headcount=9)
    group.refresh_from_db()
    assert group.headcount == 12


def test_headcount_can_drop_when_the_level_with_the_high_count_is_dropped(organisation, lead):
    group = save(organisation, lead)
    record(group, lead, aware=10, skilled=4)
    save(organisation, lead, group=group, headcount=5, level_ids=[level("skilled").pk])
    assert needs_of(group) == {"skilled": (4, DAY_1)}


@pytest.mark.parametrize(
    ("trained", "message"),
    [
        ({"aware": 13, "skilled": 0}, "cannot be more than the 12 people"),
        ({"aware": -1, "skilled": 0}, "must be a whole number, 0 or more"),
        ({"aware": 1, "skilled": "2"}, "must be a whole number, 0 or more"),
        ({"aware": 1}, "do not match this group's practice levels"),
        ({"aware": 1, "skilled": 1, "enhanced": 1}, "do not match this group's practice levels"),
    ],
    ids=["more than headcount", "negative", "not a number", "level missing", "extra level"],
)
def test_bad_training_counts_are_refused_and_nothing_is_saved(organisation, lead, trained, message):
    group = save(organisation, lead)
    record(group, lead, aware=5, skilled=2)
    before = nothing_changed(organisation), needs_of(group)
    with pytest.raises(DomainError, match=message):
        training_record(
            group=group,
            actor=lead,
            trained={level(code).pk: number for code, number in trained.items()},
            counted_on=DAY_2,
            expected_version=stored_version(group),
            today=DAY_2,
        )
    assert (nothing_changed(organisation), needs_of(group)) == before


def test_a_count_dated_in_the_future_is_refused(organisation, lead):
    group = save(organisation, lead)
    with pytest.raises(DomainError, match="today or in the past") as refused:
        record(group, lead, today=DAY_1, counted_on=date(2025, 10, 2), aware=1, skilled=1)
    assert refused.value.field == "counted_on"


def test_the_last_change_on_a_day_becomes_that_days_snapshot(organisation, lead):
    group = save(organisation, lead, today=DAY_1)
    record(group, lead, today=DAY_1, aware=3, skilled=1)
    record(group, lead, today=DAY_1, aware=6, skilled=1)
    record(group, lead, today=DAY_2, aware=9, skilled=2)
    snapshots = {
        s.taken_on: s.figures["groups"][0]["needs"]
        for s in CoverageSnapshot.objects.filter(organisation=organisation)
    }
    assert set(snapshots) == {DAY_1, DAY_2}
    assert [n["trained"] for n in snapshots[DAY_1]] == [6, 1]
    assert [n["trained"] for n in snapshots[DAY_2]] == [9, 2]


def test_removing_a_group_keeps_earlier_snapshots(organisation, lead):
    group = save(organisation, lead, today=DAY_1)
    staff_group_delete(group=group, actor=lead, expected_version=group.version, today=DAY_2)
    assert not StaffGroup.objects.exists()
    assert not StaffGroupNeed.objects.exists()
    by_day = {s.taken_on: s.figures for s in CoverageSnapshot.objects.all()}
    assert len(by_day[DAY_1]["groups"]) == 1
    assert by_day[DAY_2]["groups"] == []
    assert AuditEntry.objects.filter(action="workforce.group_removed").exists()


def submittable_cycle(organisation):
    cycle = CycleFactory(organisation=organisation, year=2026)
    answer_everything(org_response(cycle))
    return cycle


def test_submitting_a_cycle_keeps_the_current_snapshot_and_the_one_before(organisation, lead):
    group = save(organisation, lead, today=DAY_1)
    record(group, lead, today=DAY_1, aware=6, skilled=0)
    record(group, lead, today=DAY_2, aware=9, skilled=3)
    cycle = submittable_cycle(organisation)
    cycle_submit(cycle=cycle, actor=lead)
    record(group, lead, today=timezone.localdate(), aware=12, skilled=12)  # after submission

    coverage = coverage_for_cycle(cycle)
    assert (coverage.as_at, coverage.previous_as_at) == (DAY_2, DAY_1)
    assert (coverage.overall.needed, coverage.overall.trained) == (24, 12)
    assert coverage.overall.percentage == 50
    assert coverage.overall.previous.percentage == 25  # 6 of 24
    assert coverage.overall.change == 25
    aware = coverage.levels[0]
    assert (aware.code, aware.needed, aware.trained, aware.percentage) == ("aware", 12, 9, 75)
    assert coverage.groups[0].name == "Housing officers"


def test_a_cycle_submitted_again_after_reopening_records_afresh(organisation, lead):
    group = save(organisation, lead, today=DAY_1)
    cycle = submittable_cycle(organisation)
    cycle_submit(cycle=cycle, actor=lead)
    assert coverage_for_cycle(cycle).overall.trained == 0
    cycle_reopen(cycle=cycle, actor=lead, reason="One answer was wrong")
    record(group, lead, today=DAY_3, aware=12, skilled=6)
    cycle_submit(cycle=cycle, actor=lead)
    assert CycleCoverage.objects.filter(cycle=cycle).count() == 1
    assert coverage_for_cycle(cycle).overall.trained == 18
    assert coverage_for_cycle(cycle).as_at == DAY_3


def test_with_no_workforce_recorded_a_cycle_has_no_coverage(organisation, lead):
    cycle = cycle_submit(cycle=submittable_cycle(organisation), actor=lead)
    assert cycle.status == CycleStatus.SUBMITTED
    assert coverage_for_cycle(cycle) is None
    assert cycle_coverage_record(cycle=cycle) is None


def test_a_cycle_sees_only_its_own_organisations_coverage(organisation, other_organisation, lead):
    group_with_needs(other_organisation, trained={"aware": 3})
    save(other_organisation, lead, name="Youth workers")
    cycle = submittable_cycle(organisation)
    cycle_submit(cycle=cycle, actor=lead)
    assert coverage_for_cycle(cycle) is None
