"""Writes for action plans: the plan, its actions, review steps, comments, progress and
dismissed gaps. Each validates, checks the actor's step against `action_plans.policies`
(so calling a service directly allows no more than the page offers), runs in one
transaction and records an audit entry."""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from action_plans.hooks import plan_changed
from action_plans.models import (
    Action,
    ActionPlan,
    ApprovedVersion,
    DeliveryStatus,
    DismissedGap,
    PlanStatus,
    Priority,
    ProgressUpdate,
    ReviewComment,
)
from action_plans.notifications import notify_plan_status
from action_plans.policies import (
    EMPTY_PLAN,
    NOT_NOW,
    PlanStep,
    delivery_check,
    plan_can_create,
    plan_step_check,
    review_step_to,
)
from action_plans.snapshots import plan_snapshot
from action_plans.workflow import plan_transition
from assessments.models import AssessmentCycle, Domain, Indicator, Principle, WayOfWorking
from organisations.models import Membership
from organisations.selectors import role_of
from practice_levels.models import PracticeLevel
from trauma_wales.audit import audit_record
from trauma_wales.errors import DomainError
from trauma_wales.policies import NOT_YOUR_ROLE

PLAN_EXISTS = _("This assessment already has an action plan.")
PERIOD_BACKWARDS = _("The end of the plan must be the same as or after its start")
TARGET_BEFORE_START = _("The target date must be the same as or after the start date")
RESPONSIBLE_NEEDED = _("Choose a member, or name the team or partner responsible")
NOT_A_MEMBER = _("Choose someone who is a member of this organisation")
NOT_IN_FRAMEWORK = _("Some of the choices are not part of this assessment. Nothing was saved.")
CANCEL_REASON_NEEDED = _("Say why the action is being cancelled")
COMMENT_EMPTY = _("Enter a comment")


@dataclass
class ActionInput:
    description: str
    outcome: str
    target_date: date
    domain_id: int
    responsible_member_id: int | None = None
    responsible_other: str = ""
    start_date: date | None = None
    resources: str = ""
    priority: str = Priority.MEDIUM
    indicator_ids: list[int] = field(default_factory=list)
    principle_ids: list[int] = field(default_factory=list)
    practice_level_ids: list[int] = field(default_factory=list)
    way_of_working_ids: list[int] = field(default_factory=list)
    source_indicator_id: int | None = None


def plan_create(
    *, cycle: AssessmentCycle, actor, title: str, period_start: date, period_end: date
) -> ActionPlan:
    if not plan_can_create(role_of(actor, cycle.organisation_id)):
        raise DomainError(NOT_YOUR_ROLE)
    if period_end < period_start:
        raise DomainError(PERIOD_BACKWARDS, field="period_end")
    try:
        with transaction.atomic():
            plan = ActionPlan.objects.create(
                cycle=cycle,
                title=title.strip(),
                period_start=period_start,
                period_end=period_end,
                created_by=actor,
            )
            audit_record(
                action="plan.created", actor=actor, organisation=cycle.organisation, target=plan
            )
            plan_changed(plan=plan)
    except IntegrityError as duplicate:
        raise DomainError(PLAN_EXISTS) from duplicate
    return plan


def _locked(plan: ActionPlan) -> ActionPlan:
    return ActionPlan.objects.select_for_update().select_related("cycle").get(pk=plan.pk)


def _check_choices(plan: ActionPlan, given: ActionInput) -> None:
    """Every id must belong to this organisation or this cycle's framework version."""
    framework_id = plan.cycle.framework_id
    checks = [
        (Domain, [given.domain_id]),
        (
            Indicator,
            given.indicator_ids
            + ([given.source_indicator_id] if given.source_indicator_id else []),
        ),
        (Principle, given.principle_ids),
        (PracticeLevel, given.practice_level_ids),
        (WayOfWorking, given.way_of_working_ids),
    ]
    for model, ids in checks:
        wanted = set(ids)
        if wanted and model.objects.filter(framework_id=framework_id, pk__in=wanted).count() != len(
            wanted
        ):
            raise DomainError(NOT_IN_FRAMEWORK)
    if (
        given.responsible_member_id is not None
        and not Membership.objects.filter(
            pk=given.responsible_member_id, organisation_id=plan.cycle.organisation_id
        ).exists()
    ):
        raise DomainError(NOT_A_MEMBER, field="responsible_member")


def action_save(
    *, plan: ActionPlan, actor, given: ActionInput, action: Action | None = None
) -> Action:
    """Create an action, or update `action`, in a plan that can be edited."""
    if given.start_date and given.start_date > given.target_date:
        raise DomainError(TARGET_BEFORE_START, field="target_date")
    if given.responsible_member_id is None and not given.responsible_other.strip():
        raise DomainError(RESPONSIBLE_NEEDED, field="responsible_member")
    if given.priority not in Priority.values:
        raise DomainError(_("Choose a priority from the list"), field="priority")
    _check_choices(plan, given)
    role = role_of(actor, plan.cycle.organisation_id)
    with transaction.atomic():
        plan = _locked(plan)
        plan_step_check(plan, role, PlanStep.EDIT)
        if action is not None and action.plan_id != plan.pk:
            raise DomainError(NOT_IN_FRAMEWORK)
        values = {
            "description": given.description.strip(),
            "outcome": given.outcome.strip(),
            "target_date": given.target_date,
            "start_date": given.start_date,
            "resources": given.resources.strip(),
            "priority": given.priority,
            "domain_id": given.domain_id,
            "responsible_member_id": given.responsible_member_id,
            "responsible_other": given.responsible_other.strip(),
        }
        if action is None:
            action = Action.objects.create(
                plan=plan, created_by=actor, source_indicator_id=given.source_indicator_id, **values
            )
            verb = "action.created"
        else:
            for name, value in values.items():
                setattr(action, name, value)
            action.save()
            verb = "action.updated"
        action.indicators.set(given.indicator_ids)
        action.principles.set(given.principle_ids)
        action.practice_levels.set(given.practice_level_ids)
        action.ways_of_working.set(given.way_of_working_ids)
        audit_record(action=verb, actor=actor, organisation=plan.cycle.organisation, target=action)
        plan_changed(plan=plan)
    return action


def action_delete(*, action: Action, actor) -> None:
    role = role_of(actor, action.plan.cycle.organisation_id)
    with transaction.atomic():
        plan = _locked(action.plan)
        plan_step_check(plan, role, PlanStep.EDIT)
        audit_record(
            action="action.deleted",
            actor=actor,
            organisation=plan.cycle.organisation,
            target=action,
            details={"description": action.description[:200]},
        )
        action.delete()
        plan_changed(plan=plan)


def plan_move(
    *, plan: ActionPlan, to_status: str, actor, comment: str = "", plan_url: str = ""
) -> ActionPlan:
    """Take the review step that moves the plan to `to_status` (submit, approve, request
    changes, start a revision), if the actor may take it now."""
    role = role_of(actor, plan.cycle.organisation_id)
    with transaction.atomic():
        plan = _locked(plan)
        step = review_step_to(plan, to_status)
        if step is None:
            raise DomainError(NOT_NOW % {"status": PlanStatus(plan.status).label})
        rule = plan_step_check(plan, role, step, comment)
        if rule.to_status == PlanStatus.IN_REVIEW and not plan.actions.exists():
            raise DomainError(EMPTY_PLAN)
        change = plan_transition(plan=plan, step=step, rule=rule, actor=actor, comment=comment)
        if to_status == PlanStatus.APPROVED:
            ApprovedVersion.objects.create(
                plan=plan, revision=plan.revision, actions=plan_snapshot(plan), approved_by=actor
            )
        if comment.strip():
            ReviewComment.objects.create(
                plan=plan, revision=plan.revision, body=comment.strip(), author=actor
            )
        audit_record(
            action=f"plan.{to_status}",
            actor=actor,
            organisation=plan.cycle.organisation,
            target=plan,
            details={"from": change.from_status, "revision": plan.revision},
        )
        notify_plan_status(plan=plan, step=step, change=change, plan_url=plan_url)
        plan_changed(plan=plan)
    return plan


def comment_add(
    *, plan: ActionPlan, actor, body: str, action: Action | None = None
) -> ReviewComment:
    if not body.strip():
        raise DomainError(COMMENT_EMPTY, field="body")
    if action is not None and action.plan_id != plan.pk:
        raise DomainError(NOT_IN_FRAMEWORK)
    plan_step_check(plan, role_of(actor, plan.cycle.organisation_id), PlanStep.COMMENT)
    with transaction.atomic():
        comment = ReviewComment.objects.create(
            plan=plan, action=action, revision=plan.revision, body=body.strip(), author=actor
        )
        audit_record(
            action="plan.commented", actor=actor, organisation=plan.cycle.organisation,
            target=comment,
        )  # fmt: skip
    return comment


def progress_record(
    *, action: Action, actor, recorded_on: date, status: str, note: str, cancelled_reason: str = ""
) -> ProgressUpdate:
    if status not in DeliveryStatus.values:
        raise DomainError(_("Choose a status from the list"), field="status")
    if status == DeliveryStatus.CANCELLED and not cancelled_reason.strip():
        raise DomainError(CANCEL_REASON_NEEDED, field="cancelled_reason")
    role = role_of(actor, action.plan.cycle.organisation_id)
    with transaction.atomic():
        plan = _locked(action.plan)
        action = Action.objects.select_for_update().get(pk=action.pk)
        delivery_check(plan, action, role, status)
        update = ProgressUpdate.objects.create(
            action=action, recorded_on=recorded_on, status=status, note=note.strip(), author=actor
        )
        action.delivery_status = status
        action.cancelled_reason = (
            cancelled_reason.strip() if status == DeliveryStatus.CANCELLED else ""
        )
        action.save(update_fields=["delivery_status", "cancelled_reason", "updated_at"])
        audit_record(
            action="action.progress", actor=actor, organisation=plan.cycle.organisation,
            target=action, details={"status": status},
        )  # fmt: skip
        plan_changed(plan=plan)
    return update


def gap_dismiss(*, plan: ActionPlan, indicator: Indicator, reason: str, actor) -> DismissedGap:
    if not reason.strip():
        raise DomainError(_("Say why this gap will not be acted on"), field="reason")
    if indicator.framework_id != plan.cycle.framework_id:
        raise DomainError(NOT_IN_FRAMEWORK)
    plan_step_check(plan, role_of(actor, plan.cycle.organisation_id), PlanStep.EDIT)
    try:
        with transaction.atomic():
            gap = DismissedGap.objects.create(
                plan=plan, indicator=indicator, reason=reason.strip(), dismissed_by=actor
            )
            audit_record(
                action="gap.dismissed", actor=actor, organisation=plan.cycle.organisation,
                target=gap,
            )  # fmt: skip
    except IntegrityError as duplicate:
        raise DomainError(_("This gap has already been set aside.")) from duplicate
    return gap
