"""The workforce mapping, built on the framework's practice levels.

An organisation records its staff groups, the practice levels each group needs and how many
people in the group are trained to each of those levels (`StaffGroupNeed`). Coverage figures
are kept as dated snapshots: one per organisation per day on which the figures changed, so
the page can show change since the previous snapshot. A submitted assessment cycle keeps a
copy of the snapshot current at submission (`CycleCoverage`) for the board report.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from framework.models import PracticeLevel
from trauma_wales.versions import Versioned

GROUP_NAME_MAX_LENGTH = 120
GROUP_DESCRIPTION_MAX_LENGTH = 300
HEADCOUNT_MAX = 1_000_000


class StaffGroup(Versioned):
    """A group of staff or volunteers who share a role, such as reception staff.

    Its `version` counts saves of its details and of its training figures alike: the
    training form's fields follow the group's levels and headcount, and unticking a level
    on the details form removes that level's figures, so each form must have seen the
    other's last save (trauma_wales.versions)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="staff_groups"
    )
    name = models.CharField(_("name"), max_length=GROUP_NAME_MAX_LENGTH)
    description = models.CharField(
        _("description"), max_length=GROUP_DESCRIPTION_MAX_LENGTH, blank=True
    )
    headcount = models.PositiveIntegerField(_("number of people"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("staff group")
        verbose_name_plural = _("staff groups")
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("name"), name="staffgroup_name_unique_in_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(headcount__gte=0, headcount__lte=HEADCOUNT_MAX),
                name="staffgroup_headcount_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StaffGroupNeed(models.Model):
    """One practice level a staff group needs, and how many of its people are trained to it.

    `trained` never exceeds the group's headcount: the services check it while holding a
    lock on the group (a database constraint cannot compare across the two tables).
    """

    group = models.ForeignKey(StaffGroup, on_delete=models.CASCADE, related_name="needs")
    level = models.ForeignKey(PracticeLevel, on_delete=models.PROTECT, related_name="+")
    trained = models.PositiveIntegerField(_("number trained"), default=0)
    counted_on = models.DateField(_("date of the count"), null=True, blank=True)

    class Meta:
        ordering = ["level__order"]
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        constraints = [
            models.UniqueConstraint(fields=["group", "level"], name="need_once_per_group_level"),
            models.CheckConstraint(
                condition=models.Q(trained__gte=0, trained__lte=HEADCOUNT_MAX),
                name="need_trained_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(trained=0) | models.Q(counted_on__isnull=False),
                name="need_trained_count_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.level}"


class CoverageSnapshot(models.Model):
    """An organisation's coverage figures at the end of one day on which they changed.

    The last change on a day replaces that day's figures; earlier days are never changed.
    `figures` holds the inputs of the coverage arithmetic (levels, groups, counts), as
    written by `workforce.coverage.coverage_to_json`.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="coverage_snapshots"
    )
    taken_on = models.DateField()
    figures = models.JSONField(default=dict)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-taken_on"]
        verbose_name = _("coverage snapshot")
        verbose_name_plural = _("coverage snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "taken_on"], name="snapshot_once_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.taken_on}"


class CycleCoverage(models.Model):
    """The coverage snapshot current when a cycle was submitted (and the one before it, for
    the change), copied so that later edits never change what the cycle reported."""

    cycle = models.OneToOneField(
        "assessments.AssessmentCycle", on_delete=models.CASCADE, related_name="workforce_coverage"
    )
    taken_on = models.DateField()
    figures = models.JSONField(default=dict)
    previous_taken_on = models.DateField(null=True, blank=True)
    previous_figures = models.JSONField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("coverage at submission")
        verbose_name_plural = _("coverage at submission")

    def __str__(self) -> str:
        return f"{self.cycle}: coverage on {self.taken_on}"
