"""Action plans: one per assessment cycle, its actions (the framework's five template
columns plus tags), the review workflow's history, comments, progress updates, gaps the
lead chose not to act on, and the approved versions a revision is compared with.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trauma_wales.history_models import StatusChange
from trauma_wales.versions import Versioned

TEXT_MAX_LENGTH = 2000

TARGET_BEFORE_START = _("The target date must be the same as or after the start date")
RESPONSIBLE_NEEDED = _("Choose a member, or name the team or partner responsible")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class DeliveryStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    ON_HOLD = "on_hold", _("On hold")
    CANCELLED = "cancelled", _("Cancelled")


CLOSED_STATUSES = (DeliveryStatus.COMPLETED, DeliveryStatus.CANCELLED)


class ActionPlan(Versioned):
    """An assessment cycle's plan. Its `version` counts its review steps (submit, a
    reviewer's decision, a new revision): a decision taken on a page loaded before the plan
    moved on is refused (trauma_wales.versions). Its title and dates are set once."""

    cycle = models.OneToOneField(
        "assessments.AssessmentCycle", on_delete=models.CASCADE, related_name="action_plan"
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("start of the plan"))
    period_end = models.DateField(_("end of the plan"))
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    revision = models.PositiveIntegerField(
        default=1, help_text="1 for the first plan; one more for each revision after approval."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PlanStatus.values), name="plan_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in (PlanStatus.DRAFT, PlanStatus.CHANGES_REQUESTED)


class PlanStatusChange(StatusChange):
    """An immutable record of one review step: who, when, from what to what, and why."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, blank=True, choices=PlanStatus.choices)
    to_status = models.CharField(max_length=20, choices=PlanStatus.choices)
    revision = models.PositiveIntegerField()
    comment = models.TextField(blank=True)

    class Meta(StatusChange.Meta):
        pass


class Action(Versioned):
    # `version` counts saves through the action form (trauma_wales.versions); progress
    # updates change only the delivery status, which that form does not edit.
    # What a person writes about an action, in the order the form asks: the framework's
    # five columns (action, responsibility, timescale, resources, outcome), then what the
    # action is about. The form is built from this list and the service saves exactly it.
    EDITABLE_FIELDS = (
        "description",
        "responsible_member",
        "responsible_other",
        "start_date",
        "target_date",
        "resources",
        "outcome",
        "domain",
        "priority",
        "principles",
        "practice_levels",
        "ways_of_working",
        "indicators",
    )

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action"), help_text="What will be done.")
    responsible_member = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for",
    )
    responsible_other = models.CharField(
        _("responsible team or partner"), max_length=200, blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    target_date = models.DateField(_("target date"))
    resources = models.TextField(_("resources required"), blank=True)
    outcome = models.TextField(_("outcome"), help_text="What will show it worked.")
    domain = models.ForeignKey("framework.Domain", on_delete=models.PROTECT, related_name="actions")
    indicators = models.ManyToManyField("assessments.Indicator", blank=True, related_name="+")
    principles = models.ManyToManyField("framework.Principle", blank=True, related_name="+")
    practice_levels = models.ManyToManyField(
        "framework.PracticeLevel", blank=True, related_name="+"
    )
    ways_of_working = models.ManyToManyField("framework.WayOfWorking", blank=True, related_name="+")
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    delivery_status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.NOT_STARTED
    )
    cancelled_reason = models.TextField(blank=True)
    source_indicator = models.ForeignKey(
        "assessments.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The assessment gap this action was suggested from, if any.",
    )
    source_statement = models.ForeignKey(
        "voices.FeedbackStatement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The feedback statement people disagreed with that it was suggested from.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["target_date", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(start_date__lte=models.F("target_date")),
                name="action_starts_before_target",
            ),
            models.CheckConstraint(
                condition=models.Q(priority__in=Priority.values), name="action_priority_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(delivery_status__in=DeliveryStatus.values),
                name="action_delivery_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        """The rules across fields, for the form and the service alike."""
        errors = {}
        if self.start_date and self.target_date and self.start_date > self.target_date:
            errors["target_date"] = TARGET_BEFORE_START
        if self.responsible_member_id is None and not self.responsible_other.strip():
            errors["responsible_member"] = RESPONSIBLE_NEEDED
        if errors:
            raise ValidationError(errors)

    # The overdue rule, in one place: past its target date and neither completed nor
    # cancelled. Derived, never stored; `overdue_on` is the rule as a query condition and
    # `is_overdue` the same rule for one loaded row (a test holds them to each other).
    @staticmethod
    def overdue_on(today) -> models.Q:
        return models.Q(target_date__lt=today) & ~models.Q(delivery_status__in=CLOSED_STATUSES)

    @property
    def is_overdue(self) -> bool:
        return (
            self.delivery_status not in CLOSED_STATUSES and self.target_date < timezone.localdate()
        )


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress_updates")
    recorded_on = models.DateField(_("date"))
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices)
    note = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.recorded_on}: {self.get_status_display()}"


class ReviewComment(models.Model):
    """A reviewer's (or lead's) comment on the plan, or on one action of it."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="comments")
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    revision = models.PositiveIntegerField()
    body = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class DismissedGap(models.Model):
    """An assessment gap the lead decided not to turn into an action, and why."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="dismissed_gaps")
    indicator = models.ForeignKey(
        "assessments.Indicator", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator"], name="gap_dismissed_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.reason[:40]}"


class ApprovedVersion(models.Model):
    """The plan's actions as approved, kept so a later revision can show what changed."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="versions")
    revision = models.PositiveIntegerField()
    actions = models.JSONField(default=list)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "revision"], name="version_once_per_revision")
        ]

    def __str__(self) -> str:
        return f"{self.plan} revision {self.revision}"


class DigestSent(models.Model):
    """A person's overdue digest for one day, written in the same transaction that queues
    the email: the unique pair is what makes two runs at once, or a second run that day,
    send nobody a second digest (action_plans.services_overdue)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    action_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "user_id"]
        verbose_name = _("overdue digest sent")
        verbose_name_plural = _("overdue digests sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_person_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"
