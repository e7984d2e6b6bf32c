"""Writes for the workforce mapping: staff groups, the practice levels they need, training
counts, and the coverage snapshots these changes leave behind.

Every write validates, runs in one transaction holding a lock on the organisation's row
(so two people saving at once cannot leave a snapshot that misses one of the changes),
records an audit entry, and refreshes the organisation's snapshot for the day. A submitted
assessment cycle keeps a copy of the snapshot current at submission (`cycle_coverage_record`).
Changing a group, its training figures or removing it names the group's version the person
saw; a group changed since is refused with `StaleEdit` (trauma_wales.versions).
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import AssessmentCycle
from organisations.models import Organisation
from trauma_wales.audit import audit_record, changes
from trauma_wales.errors import DomainError
from trauma_wales.versions import VERSION_FIELDS, version_check, version_claim, version_stamp
from workforce.models import (
    GROUP_DESCRIPTION_MAX_LENGTH,
    GROUP_NAME_MAX_LENGTH,
    HEADCOUNT_MAX,
    CoverageSnapshot,
    CycleCoverage,
    StaffGroup,
    StaffGroupNeed,
)
from workforce.selectors import (
    current_levels,
    latest_snapshots,
    organisation_coverage_inputs,
)

NAME_NEEDED = _("Enter the name of the staff group")
NAME_TOO_LONG = _("The name must be %(limit)d characters or fewer")
NAME_TAKEN = _("There is already a staff group called “%(name)s”. Choose a different name.")
DESCRIPTION_TOO_LONG = _("The description must be %(limit)d characters or fewer")
HEADCOUNT_RANGE = _("The number of people must be a whole number from 0 to %(limit)s")
LEVELS_NEEDED = _("Choose at least one practice level this group needs")
LEVELS_NOT_IN_FRAMEWORK = _("Choose practice levels from the list. Nothing was saved.")
HEADCOUNT_BELOW_TRAINED = _(
    "%(trained)s people in this group are recorded as trained to %(level)s, which is more "
    "than %(headcount)s. Change the training figures first, or check the number of people."
)
TRAINED_RANGE = _("The number trained to %(level)s must be a whole number, 0 or more")
TRAINED_ABOVE_HEADCOUNT = _(
    "The number trained to %(level)s cannot be more than the %(headcount)s people in the group"
)
FIGURES_NOT_FOR_GROUP = _(
    "The figures sent do not match this group's practice levels. Nothing was saved. Please "
    "try again."
)
COUNT_IN_FUTURE = _("The date of the count must be today or in the past")
GROUP_CHANGED = _(
    "This staff group was changed after you opened it. Your changes have not been saved yet."
)
TRAINING_CHANGED = _(
    "This staff group's details or training figures were changed after you opened this "
    "page. Your figures have not been saved yet."
)
GROUP_CHANGED_NOT_REMOVED = _(
    "This staff group was changed after you opened this page, so it has not been removed. "
    "Check what is saved now. If you still want to remove it, choose Remove staff group again."
)
GROUP_GONE = _(
    "This staff group has been removed since you opened this page, so it could not be changed."
)


def _check_group_details(*, name: str, description: str, headcount) -> None:
    if not name:
        raise DomainError(NAME_NEEDED, field="name")
    if len(name) > GROUP_NAME_MAX_LENGTH:
        raise DomainError(NAME_TOO_LONG % {"limit": GROUP_NAME_MAX_LENGTH}, field="name")
    if len(description) > GROUP_DESCRIPTION_MAX_LENGTH:
        raise DomainError(
            DESCRIPTION_TOO_LONG % {"limit": GROUP_DESCRIPTION_MAX_LENGTH}, field="description"
        )
    if not _whole_number_in_range(headcount):
        raise DomainError(HEADCOUNT_RANGE % {"limit": f"{HEADCOUNT_MAX:,}"}, field="headcount")


def _whole_number_in_range(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= HEADCOUNT_MAX


def _group_values(group: StaffGroup) -> dict:
    """A group's details as an audit entry keeps them, with the codes of the levels it needs."""
    return {
        "name": group.name,
        "description": group.description,
        "headcount": group.headcount,
        "levels": sorted(group.needs.values_list("level__code", flat=True)),
    }


def _lock(organisation: Organisation) -> None:
    Organisation.objects.select_for_update().get(pk=organisation.pk)


def _locked_group(group: StaffGroup) -> StaffGroup:
    """The group as saved now, locked (after its organisation, as by every writer)."""
    try:
        return StaffGroup.objects.select_for_update().get(pk=group.pk)
    except StaffGroup.DoesNotExist as gone:
        raise DomainError(str(GROUP_GONE)) from gone


def snapshot_refresh(*, organisation: Organisation, actor, today: date) -> CoverageSnapshot:
    """Write (or replace) the organisation's snapshot for `today` from its current figures.
    Called inside the transaction of every workforce write."""
    snapshot, _created = CoverageSnapshot.objects.update_or_create(
        organisation=organisation,
        taken_on=today,
        defaults={
            "figures": organisation_coverage_inputs(organisation=organisation).to_json(),
            "recorded_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    return snapshot


def staff_group_save(
    *,
    organisation: Organisation,
    actor,
    name: str,
    description: str,
    headcount: int,
    level_ids: list[int],
    group: StaffGroup | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> StaffGroup:
    """Create a staff group, or change `group`: its details and the levels it needs.

    A level no longer needed loses its training count; a new level starts at 0 trained.
    The headcount cannot go below a count already recorded. A change names the version the
    form was loaded at: a group saved since is refused with `StaleEdit`. `today` dates the
    snapshot (the demo data passes past dates; people's requests never do).
    """
    name, description = (name or "").strip(), (description or "").strip()
    _check_group_details(name=name, description=description, headcount=headcount)
    wanted = set(level_ids)
    if not wanted:
        raise DomainError(LEVELS_NEEDED, field="levels")
    levels = {level.pk: level for level in current_levels()}
    if not wanted <= set(levels):
        raise DomainError(LEVELS_NOT_IN_FRAMEWORK, field="levels")
    if group is not None and group.organisation_id != organisation.pk:
        raise DomainError(LEVELS_NOT_IN_FRAMEWORK)
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            _lock(organisation)
            before = {}
            if group is None:
                group = StaffGroup(
                    organisation=organisation,
                    name=name,
                    description=description,
                    headcount=headcount,
                    created_by=actor,
                )
                version_stamp(group, actor=actor)
                group.save()
                verb = "workforce.group_created"
            else:
                group = _locked_group(group)
                version_claim(group, expected=expected_version, actor=actor, message=GROUP_CHANGED)
                before = _group_values(group)
                over = group.needs.filter(level_id__in=wanted, trained__gt=headcount).first()
                if over is not None:
                    raise DomainError(
                        HEADCOUNT_BELOW_TRAINED
                        % {
                            "trained": over.trained,
                            "level": levels[over.level_id].name,
                            "headcount": headcount,
                        },
                        field="headcount",
                    )
                group.name, group.description, group.headcount = name, description, headcount
                group.save()
                verb = "workforce.group_updated"
            existing = set(group.needs.values_list("level_id", flat=True))
            group.needs.exclude(level_id__in=wanted).delete()
            StaffGroupNeed.objects.bulk_create(
                StaffGroupNeed(group=group, level_id=level_id) for level_id in wanted - existing
            )
            after = {
                "name": name,
                "description": description,
                "headcount": headcount,
                "levels": sorted(levels[pk].code for pk in wanted),
            }
            if not before:
                audit_record(
                    action=verb, actor=actor, organisation=organisation, target=group, details=after
                )
            elif changed := changes(before, after):
                audit_record(
                    action=verb,
                    actor=actor,
                    organisation=organisation,
                    target=group,
                    details={"group": name, "changed": changed},
                )
            snapshot_refresh(organisation=organisation, actor=actor, today=today)
    except IntegrityError as duplicate:  # the name is already used (any capitalisation)
        raise DomainError(NAME_TAKEN % {"name": name}, field="name") from duplicate
    return group


def staff_group_delete(
    *, group: StaffGroup, actor, expected_version: int | None = None, today: date | None = None
) -> None:
    """Remove `group`, as it was at `expected_version` when the person chose to: a group
    changed since is refused with `StaleEdit`, so nobody removes figures they have not seen."""
    organisation = group.organisation
    with transaction.atomic():
        _lock(organisation)
        group = _locked_group(group)
        version_check(group, expected=expected_version, message=GROUP_CHANGED_NOT_REMOVED)
        audit_record(
            action="workforce.group_removed",
            actor=actor,
            organisation=organisation,
            target=group,
            details=_group_values(group),
        )
        group.delete()
        snapshot_refresh(
            organisation=organisation, actor=actor, today=today or timezone.localdate()
        )


def training_record(
    *,
    group: StaffGroup,
    actor,
    trained: dict[int, int],
    counted_on: date,
    expected_version: int | None = None,
    today: date | None = None,
) -> StaffGroup:
    """Record how many people in `group` are trained to each level it needs
    ({level id: number}), as counted on `counted_on`. Every needed level must be given,
    none above the group's headcount. `expected_version` is the group's version the form
    was loaded at: a group saved since is refused with `StaleEdit`. `today` dates the
    snapshot, as in `staff_group_save`."""
    today = today or timezone.localdate()
    if counted_on > today:
        raise DomainError(COUNT_IN_FUTURE, field="counted_on")
    organisation = group.organisation
    with transaction.atomic():
        _lock(organisation)
        group = _locked_group(group)
        version_claim(group, expected=expected_version, actor=actor, message=TRAINING_CHANGED)
        needs = {need.level_id: need for need in group.needs.select_related("level")}
        if set(trained) != set(needs):
            raise DomainError(FIGURES_NOT_FOR_GROUP)
        for level_id, number in trained.items():
            level = needs[level_id].level.name
            if not _whole_number_in_range(number):
                raise DomainError(TRAINED_RANGE % {"level": level}, field=f"trained-{level_id}")
            if number > group.headcount:
                raise DomainError(
                    TRAINED_ABOVE_HEADCOUNT % {"level": level, "headcount": group.headcount},
                    field=f"trained-{level_id}",
                )
        counted_before = max((n.counted_on for n in needs.values() if n.counted_on), default=None)
        trained_before = {need.level.code: need.trained for need in needs.values()}
        for level_id, need in needs.items():
            need.trained, need.counted_on = trained[level_id], counted_on
        StaffGroupNeed.objects.bulk_update(needs.values(), ["trained", "counted_on"])
        group.save(update_fields=[*VERSION_FIELDS, "updated_at"])
        audit_record(
            action="workforce.training_recorded",
            actor=actor,
            organisation=organisation,
            target=group,
            details={
                "group": group.name,
                "counted_on": counted_on.isoformat(),
                "changed": changes(
                    {"counted_on": counted_before, **trained_before},
                    {
                        "counted_on": counted_on,
                        **{need.level.code: need.trained for need in needs.values()},
                    },
                ),
            },
        )
        snapshot_refresh(organisation=organisation, actor=actor, today=today)
    return group


def cycle_coverage_record(*, cycle: AssessmentCycle) -> CycleCoverage | None:
    """Keep with `cycle` the coverage snapshot current now (its submission), and the one
    before it for the change. Submitting again after a reopen records afresh; with no
    snapshot (no staff groups ever recorded) nothing is kept."""
    snapshots = latest_snapshots(organisation_id=cycle.organisation_id)
    if not snapshots:
        CycleCoverage.objects.filter(cycle=cycle).delete()
        return None
    current, previous = snapshots[0], (snapshots[1] if len(snapshots) > 1 else None)
    record, _created = CycleCoverage.objects.update_or_create(
        cycle=cycle,
        defaults={
            "taken_on": current.taken_on,
            "figures": current.figures,
            "previous_taken_on": previous.taken_on if previous else None,
            "previous_figures": previous.figures if previous else None,
        },
    )
    return record
