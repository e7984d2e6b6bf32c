"""Writes for action plans: the plan, its actions, review steps, comments, progress and
dismissed gaps. Each validates, checks the actor's step against `action_plans.policies`
(so calling a service directly allows no more than the page offers), runs in one
transaction and records an audit entry. Changing or removing an action names the version
the person saw; one changed since is refused with `StaleEdit` (trauma_wales.versions)."""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
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
from assessments.models import AssessmentCycle, Indicator
from organisations.selectors import role_of
from trauma_wales.audit import audit_person, audit_record, audit_text, changes
from trauma_wales.errors import DomainError
from trauma_wales.policies import NOT_YOUR_ROLE
from trauma_wales.versions import version_check, version_claim, version_stamp
from voices.models import FeedbackStatement

PLAN_EXISTS = _("This assessment already has an action plan.")
PERIOD_BACKWARDS = _("The end of the plan must be the same as or after its start")
NOT_A_MEMBER = _("Choose someone who is a member of this organisation")
NOT_IN_FRAMEWORK = _("Some of the choices are not part of this assessment. Nothing was saved.")
CANCEL_REASON_NEEDED = _("Say why the action is being cancelled")
COMMENT_EMPTY = _("Enter a comment")
ACTION_CHANGED = _(
    "This action was changed after you opened it. Your changes have not been saved yet."
)
ACTION_CHANGED_NOT_REMOVED = _(
    "This action was changed after you opened this page, so it has not been removed. Check "
    "what is saved now. If you still want to remove it, choose Remove action again."
)
PLAN_CHANGED = _(
    "The plan changed after you opened this page: it is now “%(status)s”. Nothing has been "
    "sent. Check the plan as it is now, then choose again."
)
ACTION_GONE = _(
    "This action has been removed from the plan since you opened this page, so it could "
    "not be changed."
)


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
                action="plan.created",
                actor=actor,
                organisation=cycle.organisation,
                target=plan,
                details={
                    "plan": plan.title,
                    "period_start": period_start.isoformat(),
                    "period_end": period_end.isoformat(),
                },
            )
            plan_changed(plan=plan)
    except IntegrityError as duplicate:
        raise DomainError(PLAN_EXISTS) from duplicate
    return plan


def _locked(plan: ActionPlan) -> ActionPlan:
    return ActionPlan.objects.select_for_update().select_related("cycle").get(pk=plan.pk)


def _check_choices(plan: ActionPlan, values: Mapping, sources: list) -> None:
    """Every choice must belong to this organisation or this cycle's framework version."""
    framework_id = plan.cycle.framework_id
    chosen = [values["domain"], *(source for source in sources if source is not None)]
    for name in ("indicators", "principles", "practice_levels", "ways_of_working"):
        chosen.extend(values.get(name, ()))
    if any(item.framework_id != framework_id for item in chosen):
        raise DomainError(NOT_IN_FRAMEWORK)
    member = values.get("responsible_member")
    if member is not None and member.organisation_id != plan.cycle.organisation_id:
        raise DomainError(NOT_A_MEMBER, field="responsible_member")


def _fill(action: Action, values: Mapping) -> dict:
    """Set the action's own fields from `values`, check them with the model's rules, and
    return its many-to-many choices to set once it is saved."""
    unknown = set(values) - set(Action.EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not fields a person edits on an action: {sorted(unknown)}")
    related = {}
    for name, value in values.items():
        if Action._meta.get_field(name).many_to_many:
            related[name] = list(value)
        else:
            setattr(action, name, value.strip() if isinstance(value, str) else value)
    try:
        action.full_clean(exclude=["plan", "created_by", "source_indicator", "source_statement"])
    except ValidationError as invalid:
        field, messages = next(iter(invalid.message_dict.items()))
        raise DomainError(messages[0], field=field) from invalid
    return related


def _audit_choice(value):
    """A choice on an action as an entry keeps it: a framework item by its code, a member by
    their name, many items as a sorted list."""
    if value is None or isinstance(value, str | date):
        return value
    if hasattr(value, "code"):
        return value.code
    if hasattr(value, "user"):
        return audit_person(value.user)
    if isinstance(value, Iterable):  # a list or queryset of framework items
        return sorted(_audit_choice(item) for item in value)
    return value


def _action_values(action: Action) -> dict:
    """What a person edits on `action`, as it is now, in `_audit_choice` form."""
    values = {}
    for name in Action.EDITABLE_FIELDS:
        if Action._meta.get_field(name).many_to_many:
            values[name] = _audit_choice(list(getattr(action, name).all()))
        else:
            values[name] = _audit_choice(getattr(action, name))
    return values


def action_save(
    *,
    plan: ActionPlan,
    actor,
    values: Mapping,
    action: Action | None = None,
    expected_version: int | None = None,
    source_indicator: Indicator | None = None,
    source_statement: FeedbackStatement | None = None,
) -> Action:
    """Create an action, or update `action`, in a plan that can be edited. `values` holds
    `Action.EDITABLE_FIELDS` by name (the action form's cleaned data). An update names the
    version the form was loaded at: one saved by someone else since is refused with
    `StaleEdit`, and nothing changes. A new action may name the assessment gap or the
    feedback statement it was suggested from."""
    if "domain" not in values:
        raise DomainError(_("Choose the domain area it addresses"), field="domain")
    _check_choices(plan, values, [source_indicator, source_statement])
    role = role_of(actor, plan.cycle.organisation_id)
    with transaction.atomic():
        plan = _locked(plan)
        plan_step_check(plan, role, PlanStep.EDIT)
        if action is None:
            before = {}
            saved = Action(
                plan=plan,
                created_by=actor,
                source_indicator=source_indicator,
                source_statement=source_statement,
            )
            version_stamp(saved, actor=actor)
        else:
            if action.plan_id != plan.pk:
                raise DomainError(NOT_IN_FRAMEWORK)
            saved = _locked_action(action)
            version_claim(saved, expected=expected_version, actor=actor, message=ACTION_CHANGED)
            before = _action_values(saved)
        related = _fill(saved, values)
        saved.save()
        for name, items in related.items():
            getattr(saved, name).set(items)
        details: dict = {"action": audit_text(saved.description)}
        if action is None:
            details["target_date"] = saved.target_date.isoformat()
        else:
            details["changed"] = changes(
                before, {name: _audit_choice(value) for name, value in values.items()}
            )
        if action is None or details["changed"]:
            verb = "action.created" if action is None else "action.updated"
            audit_record(
                action=verb,
                actor=actor,
                organisation=plan.cycle.organisation,
                target=saved,
                details=details,
            )
        plan_changed(plan=plan)
    return saved


def _locked_action(action: Action) -> Action:
    """The action as saved now, locked (its plan is locked first, as by every writer)."""
    try:
        return Action.objects.select_for_update().get(pk=action.pk, plan_id=action.plan_id)
    except Action.DoesNotExist as gone:
        raise DomainError(str(ACTION_GONE)) from gone


def action_delete(*, action: Action, actor, expected_version: int | None = None) -> None:
    """Remove `action`, as it was at `expected_version` when the person chose to: one
    changed since is refused with `StaleEdit`, so nobody removes words they have not seen."""
    role = role_of(actor, action.plan.cycle.organisation_id)
    with transaction.atomic():
        plan = _locked(action.plan)
        plan_step_check(plan, role, PlanStep.EDIT)
        action = _locked_action(action)
        version_check(action, expected=expected_version, message=ACTION_CHANGED_NOT_REMOVED)
        audit_record(
            action="action.deleted",
            actor=actor,
            organisation=plan.cycle.organisation,
            target=action,
            details={
                "action": audit_text(action.description),
                "target_date": action.target_date.isoformat(),
            },
        )
        action.delete()
        plan_changed(plan=plan)


def plan_move(
    *,
    plan: ActionPlan,
    to_status: str,
    actor,
    comment: str = "",
    plan_url: str = "",
    expected_version: int | None = None,
) -> ActionPlan:
    """Take the review step that moves the plan to `to_status` (submit, approve, request
    changes, start a revision), if the actor may take it now. The pages pass the plan's
    version they showed: a plan that moved on since is refused with `StaleEdit`, so nobody
    approves a plan they have not seen. (Scripts may leave it out: the state rules still
    hold.)"""
    role = role_of(actor, plan.cycle.organisation_id)
    with transaction.atomic():
        plan = _locked(plan)
        version_claim(
            plan,
            expected=expected_version,
            actor=actor,
            message=PLAN_CHANGED % {"status": PlanStatus(plan.status).label},
            required=False,
        )
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
            details={
                "plan": plan.title,
                "revision": plan.revision,
                "changed": {"status": [change.from_status, plan.status]},
            },
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
            target=comment, details={
                "plan": plan.title,
                "action": audit_text(action.description) if action is not None else "",
                "comment": audit_text(comment.body),
            },
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
        status_before = action.delivery_status
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
            target=action, details={
                "action": audit_text(action.description),
                "recorded_on": recorded_on.isoformat(),
                "note": audit_text(update.note),
                "changed": changes({"status": status_before}, {"status": status}),
            },
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
                target=gap, details={"indicator": indicator.code, "reason": audit_text(gap.reason)},
            )  # fmt: skip
    except IntegrityError as duplicate:
        raise DomainError(_("This gap has already been set aside.")) from duplicate
    return gap


def plan_export_record(*, plan: ActionPlan, actor, file_format: str) -> None:
    """Someone downloaded the plan (as CSV or an Excel workbook): who, when, which revision.
    Plans go into board papers and partners' spreadsheets, so a copy leaving is recorded."""
    audit_record(
        action="plan.exported",
        actor=actor,
        organisation=plan.cycle.organisation,
        target=plan,
        details={"plan": plan.title, "format": file_format, "revision": plan.revision},
    )
