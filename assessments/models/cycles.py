"""Assessment cycles: one round of readiness and self-assessment for an organisation.

A cycle is in progress or submitted; every change of status writes an immutable
`CycleStatusChange` with who, when and why. Only one cycle per organisation can be in
progress at a time (a database constraint, so two leads starting one at once cannot both win).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from trauma_wales.history_models import StatusChange
from trauma_wales.versions import Versioned

RATING_MAX = 4
NAME_MAX_LENGTH = 120


class CycleStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class AssessmentCycle(Versioned):
    """One round of assessment. Its `version` counts saves of its target levels, the one
    thing about a cycle people change through a form once it has started
    (trauma_wales.versions); the framework version it follows is `framework`."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="assessment_cycles"
    )
    framework = models.ForeignKey(
        "framework.FrameworkVersion", on_delete=models.PROTECT, related_name="cycles"
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    period_start = models.DateField(_("start of period"))
    period_end = models.DateField(_("end of period"))
    status = models.CharField(
        max_length=16, choices=CycleStatus.choices, default=CycleStatus.IN_PROGRESS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Whether leads see colleagues' views with their names. Anonymous (the default) shows a
    # question's views only once enough colleagues have answered it (ANONYMOUS_VIEWS_MIN).
    views_named = models.BooleanField(
        _("colleagues' views are shown with their names"), default=False
    )

    class Meta:
        ordering = ["-period_start", "-created_at"]
        verbose_name = _("assessment cycle")
        verbose_name_plural = _("assessment cycles")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="in_progress"),
                name="cycle_one_in_progress_per_organisation",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="cycle_period_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CycleStatus.values), name="cycle_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def is_submitted(self) -> bool:
        return self.status == CycleStatus.SUBMITTED


class CycleStatusChange(StatusChange):
    """An immutable record of one status change: who, when, from what to what, and why."""

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="history")
    reason = models.TextField(blank=True)

    class Meta(StatusChange.Meta):
        pass


class CycleContributor(models.Model):
    """A member invited to give their own answers to a cycle."""

    cycle = models.ForeignKey(
        AssessmentCycle, on_delete=models.CASCADE, related_name="contributors"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    # When they first had every section answered (whoever asked them was told then).
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "user"], name="contributor_once_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.cycle}"


class DomainTarget(models.Model):
    """The level the organisation aims to reach in a domain by the next cycle."""

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="targets")
    domain = models.ForeignKey("framework.Domain", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "domain"], name="target_once_per_domain"),
            models.CheckConstraint(
                condition=models.Q(level__lte=RATING_MAX), name="target_level_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain.code}: {self.level}"
