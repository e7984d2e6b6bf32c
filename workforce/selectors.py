"""Reads for the workforce mapping, scoped to one organisation and in a fixed number of
queries whatever the number of staff groups.

- `workforce_page`: the coverage page (current figures, change since the previous snapshot,
  staff groups, and where a gap can become an action);
- `coverage_for_cycle`: the coverage a submitted cycle recorded, for the board report;

The practice level reference pages are the framework app's (`framework.selectors`).
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from assessments.models import AssessmentCycle
from framework.content import held_items
from framework.models import FrameworkVersion, PracticeLevel
from organisations.models import Membership
from trauma_wales.permissions import Capability, role_can
from workforce.coverage import (
    Coverage,
    CoverageInputs,
    GroupInput,
    LevelInput,
    NeedInput,
    coverage_from_json,
)
from workforce.models import CoverageSnapshot, CycleCoverage, StaffGroup, StaffGroupNeed


def current_levels() -> list[PracticeLevel]:
    """The active practice levels of the newest published framework, in order (held once
    per process: framework.content)."""
    framework = FrameworkVersion.objects.current()
    if framework is None:
        return []
    return list(held_items(PracticeLevel, framework))


def _groups_with_needs(*, organisation):
    """The organisation's staff groups, each with its needs and their levels prefetched."""
    return StaffGroup.objects.filter(organisation=organisation).prefetch_related(
        Prefetch(
            "needs",
            queryset=StaffGroupNeed.objects.select_related("level").order_by("level__order"),
        )
    )


def staff_groups_for_organisation(*, organisation) -> list[StaffGroup]:
    """The organisation's staff groups with their needs and levels (two queries)."""
    return list(_groups_with_needs(organisation=organisation).order_by("name", "id"))


def group_in_organisation(*, organisation, group_id: int) -> StaffGroup:
    """One staff group of this organisation with its needs (404 for any other)."""
    try:
        return _groups_with_needs(organisation=organisation).get(pk=group_id)
    except StaffGroup.DoesNotExist as missing:
        raise Http404("No such staff group in this organisation") from missing


def coverage_inputs(*, levels: list[PracticeLevel], groups: list[StaffGroup]) -> CoverageInputs:
    return CoverageInputs(
        levels=[
            LevelInput(code=level.code, name_en=level.name_en, name_cy=level.name_cy, id=level.pk)
            for level in levels
        ],
        groups=[
            GroupInput(
                id=group.pk,
                name=group.name,
                description=group.description,
                headcount=group.headcount,
                needs=tuple(
                    NeedInput(
                        level_code=need.level.code,
                        trained=need.trained,
                        counted_on=need.counted_on,
                    )
                    for need in group.needs.all()
                ),
            )
            for group in groups
        ],
    )


def organisation_coverage_inputs(*, organisation) -> CoverageInputs:
    """The organisation's current figures, as the services store them (four queries)."""
    return coverage_inputs(
        levels=current_levels(), groups=staff_groups_for_organisation(organisation=organisation)
    )


@dataclass(frozen=True)
class PlanTarget:
    """Where an action for a workforce gap can go: the latest cycle with a plan (`plan` set),
    or else the latest cycle (to create a plan for), or nothing yet."""

    cycle: AssessmentCycle | None
    plan: object | None  # action_plans.models.ActionPlan

    @property
    def can_add_actions(self) -> bool:
        return self.plan is not None and self.plan.is_editable


def plan_target(*, organisation) -> PlanTarget:
    cycles = AssessmentCycle.objects.filter(organisation=organisation).order_by(
        "-period_start", "-created_at"
    )
    with_plan = cycles.filter(action_plan__isnull=False).select_related("action_plan").first()
    if with_plan is not None:
        return PlanTarget(cycle=with_plan, plan=with_plan.action_plan)
    return PlanTarget(cycle=cycles.first(), plan=None)


def latest_snapshots(*, organisation_id: int) -> list[CoverageSnapshot]:
    """The organisation's newest snapshot and the one before it, newest first (one query)."""
    return list(
        CoverageSnapshot.objects.filter(organisation_id=organisation_id).order_by("-taken_on")[:2]
    )


def workforce_page(*, organisation, membership: Membership) -> dict:
    """Everything the coverage page shows, in the same number of queries for 3 or 300
    groups: levels (2), groups and needs (2), the last two snapshots (1) and, for people
    who can plan, where an action would go (1 or 2)."""
    levels = current_levels()
    groups = staff_groups_for_organisation(organisation=organisation)
    snapshots = latest_snapshots(organisation_id=organisation.pk)
    coverage = coverage_inputs(levels=levels, groups=groups).calculate(
        as_at=snapshots[0].taken_on if snapshots else None
    )
    if len(snapshots) > 1:
        previous = snapshots[1]
        coverage = coverage.compared_with(
            coverage_from_json(previous.figures, as_at=previous.taken_on)
        )
    can_plan = role_can(membership.role, Capability.EDIT_PLAN)
    return {
        "coverage": coverage,
        "levels": levels,
        "plan_target": plan_target(organisation=organisation) if can_plan else None,
    }


def coverage_for_cycle(cycle: AssessmentCycle) -> Coverage | None:
    """The workforce coverage recorded when `cycle` was submitted, or None (not submitted
    yet, or the organisation had recorded no staff groups at the time). One query.

    Returns a `workforce.coverage.Coverage` (frozen dataclasses, usable in templates):

    - `as_at`: date, the day the figures were last changed before submission;
    - `previous_as_at`: date or None, the snapshot before that one (for "change since");
    - `overall`: `Figures` with `needed`, `trained` (ints: every level each group needs,
      so a person needing two levels counts twice), `percentage` (int 0-100, or None when
      nothing is needed), `still_to_train` (int), `previous` (`Figures` or None) and
      `change` (percentage points, or None);
    - `levels`: tuple of `LevelCoverage`, one per practice level in framework order, each
      with `code`, `name` (in the active language), `needed` (people in groups that need
      the level), `trained`, `percentage`, `still_to_train`, `group_count`, `previous`,
      `change`;
    - `groups`: tuple of `GroupCoverage` with `name`, `description`, `headcount` and
      `needs` (tuple of `NeedCoverage`: `level`, `name`, `needed` = headcount, `trained`,
      `percentage`, `still_to_train`, `counted_on` date or None); `gaps` lists the needs
      with people still to train;
    - `headcount`: people in all groups; `gaps`: (group, need) pairs with people to train.
    """
    record = CycleCoverage.objects.filter(cycle=cycle).first()
    if record is None:
        return None
    coverage = coverage_from_json(record.figures, as_at=record.taken_on)
    if record.previous_figures is not None:
        coverage = coverage.compared_with(
            coverage_from_json(record.previous_figures, as_at=record.previous_taken_on)
        )
    return coverage
