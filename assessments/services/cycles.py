"""Start, submit and reopen assessment cycles; invite contributors; set targets.

Setting targets names the cycle's version the form was loaded at: targets saved by someone
else since are refused with `StaleEdit` (trauma_wales.versions)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from assessments.hooks import cycle_submitted, targets_set
from assessments.models import (
    AssessmentCycle,
    CycleContributor,
    CycleStatus,
    CycleStatusChange,
    DomainTarget,
    Response,
)
from assessments.models.cycles import RATING_MAX
from assessments.policies import (
    CycleStep,
    cycle_can_start,
    cycle_step_check,
    views_naming_check,
)
from assessments.selectors.cycles import organisation_response_for, views_given
from assessments.selectors.progress import incomplete_sections
from assessments.services.submitted import submitted_scores_forget, submitted_scores_store
from assessments.workflow import cycle_lock, cycle_transition
from framework.models import Domain, FrameworkVersion
from organisations.models import Membership
from organisations.selectors import role_of
from trauma_wales.audit import audit_person, audit_record, audit_text, changes
from trauma_wales.emails import email_send, recipient_for
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability, role_can
from trauma_wales.policies import NOT_YOUR_ROLE
from trauma_wales.versions import VERSION_FIELDS, version_claim

ALREADY_IN_PROGRESS = _(
    "Your organisation already has an assessment in progress. Finish and submit it before "
    "starting another."
)
PERIOD_BACKWARDS = _("The end of the period must be the same as or after the start")
NOT_COMPLETE = _("Answer every section before you submit. Still to do: %(sections)s.")
REASON_NEEDED = _("Enter the reason for reopening the assessment")
NOT_A_MEMBER = _("Select a member of this organisation.")
NOT_A_CONTRIBUTOR = _(
    "Leads record the organisation's answers, so they cannot be asked for views of their own."
)
ALREADY_INVITED = _("%(name)s is already giving their views on this assessment.")
TARGETS_CHANGED = _(
    "The target levels were changed after you opened this page. Your choices have not been "
    "saved yet."
)


def cycle_start(
    *, organisation, actor, name: str, period_start: date, period_end: date
) -> AssessmentCycle:
    if not cycle_can_start(role_of(actor, organisation.pk)):
        raise DomainError(NOT_YOUR_ROLE)
    if period_end < period_start:
        raise DomainError(PERIOD_BACKWARDS, field="period_end")
    framework = FrameworkVersion.objects.current()
    if AssessmentCycle.objects.filter(
        organisation=organisation, status=CycleStatus.IN_PROGRESS
    ).exists():
        raise DomainError(ALREADY_IN_PROGRESS)
    try:
        with transaction.atomic():
            cycle = AssessmentCycle.objects.create(
                organisation=organisation,
                framework=framework,
                name=name.strip(),
                period_start=period_start,
                period_end=period_end,
                created_by=actor,
            )
            Response.objects.create(cycle=cycle)
            CycleStatusChange.objects.create(
                cycle=cycle, from_status="", to_status=CycleStatus.IN_PROGRESS, actor=actor
            )
            audit_record(
                action="cycle.started",
                actor=actor,
                organisation=organisation,
                target=cycle,
                details={
                    "cycle": cycle.name,
                    "period_start": period_start.isoformat(),
                    "period_end": period_end.isoformat(),
                },
            )
    except IntegrityError as race:  # another lead started one a moment ago
        raise DomainError(ALREADY_IN_PROGRESS) from race
    return cycle


def cycle_submit(*, cycle: AssessmentCycle, actor) -> AssessmentCycle:
    role = role_of(actor, cycle.organisation_id)
    with transaction.atomic():
        cycle = cycle_lock(cycle)
        cycle_step_check(cycle, role, CycleStep.SUBMIT)
        missing = incomplete_sections(cycle=cycle, response=organisation_response_for(cycle=cycle))
        if missing:
            raise DomainError(NOT_COMPLETE % {"sections": ", ".join(str(s) for s in missing)})
        from_status = cycle.status
        cycle_transition(cycle=cycle, to_status=CycleStatus.SUBMITTED, actor=actor)
        submitted_scores_store(cycle=cycle)  # for networks and benchmarks to compare
        cycle_submitted(cycle=cycle)  # the workforce app keeps its coverage with the cycle
        audit_record(
            action="cycle.submitted",
            actor=actor,
            organisation=cycle.organisation,
            target=cycle,
            details={"cycle": cycle.name, "changed": {"status": [from_status, cycle.status]}},
        )
    return cycle


def cycle_reopen(*, cycle: AssessmentCycle, actor, reason: str) -> AssessmentCycle:
    if not reason.strip():
        raise DomainError(REASON_NEEDED, field="reason")
    role = role_of(actor, cycle.organisation_id)
    try:
        with transaction.atomic():
            cycle = cycle_lock(cycle)
            cycle_step_check(cycle, role, CycleStep.REOPEN)
            if (
                AssessmentCycle.objects.filter(
                    organisation_id=cycle.organisation_id, status=CycleStatus.IN_PROGRESS
                )
                .exclude(pk=cycle.pk)
                .exists()
            ):
                raise DomainError(ALREADY_IN_PROGRESS)
            from_status = cycle.status
            cycle_transition(
                cycle=cycle, to_status=CycleStatus.IN_PROGRESS, actor=actor, reason=reason.strip()
            )
            submitted_scores_forget(cycle=cycle)
            audit_record(
                action="cycle.reopened",
                actor=actor,
                organisation=cycle.organisation,
                target=cycle,
                details={
                    "cycle": cycle.name,
                    "reason": audit_text(reason.strip()),
                    "changed": {"status": [from_status, cycle.status]},
                },
            )
    except IntegrityError as race:
        raise DomainError(ALREADY_IN_PROGRESS) from race
    return cycle


def contributor_invite(
    *, cycle: AssessmentCycle, membership: Membership, actor, cycle_url: str = ""
) -> Response:
    """Ask a member (any role but lead) for their own view; their answers are kept apart
    from everyone's.
    With `cycle_url` (the pages give it), they are emailed, in their language, a link to
    the assessment."""
    cycle_step_check(cycle, role_of(actor, cycle.organisation_id), CycleStep.INVITE_CONTRIBUTORS)
    elsewhere = membership.organisation_id != cycle.organisation_id
    if elsewhere or not role_can(membership.role, Capability.GIVE_VIEWS):
        raise DomainError(NOT_A_MEMBER if elsewhere else NOT_A_CONTRIBUTOR, field="member")
    try:
        with transaction.atomic():
            CycleContributor.objects.create(cycle=cycle, user=membership.user, invited_by=actor)
            response = Response.objects.create(cycle=cycle, contributor=membership.user)
            audit_record(
                action="cycle.contributor_invited",
                actor=actor,
                organisation=cycle.organisation,
                target=cycle,
                details={"cycle": cycle.name, "member": audit_person(membership.user)},
            )
            if cycle_url:
                email_send(
                    "assessments/emails/views_asked",
                    {"cycle": cycle, "asked_by": actor, "cycle_url": cycle_url,
                     "organisation": cycle.organisation},
                    [recipient_for(membership.user)],
                    about=cycle,
                    organisation=cycle.organisation,
                )  # fmt: skip
    except IntegrityError as duplicate:
        raise DomainError(
            ALREADY_INVITED % {"name": membership.user.full_name}, field="member"
        ) from duplicate
    return response


VIEWS_NAMING_CHANGED = _(
    "Another lead changed how colleagues' views are shown after you opened this page. Check "
    "the setting below and choose again."
)


def cycle_views_naming_set(
    *, cycle: AssessmentCycle, named: bool, actor, was_named: bool
) -> AssessmentCycle:
    """Choose whether leads see colleagues' views with their names (`views_naming_check`:
    views given anonymously stay anonymous). `was_named` is what the page showed: if
    another lead has changed it since, nothing is saved."""
    cycle_step_check(cycle, role_of(actor, cycle.organisation_id), CycleStep.INVITE_CONTRIBUTORS)
    with transaction.atomic():
        cycle = cycle_lock(cycle)
        if cycle.views_named != was_named:
            raise DomainError(VIEWS_NAMING_CHANGED, field="views_named")
        if cycle.views_named == named:
            return cycle
        views_naming_check(cycle, named=named, views_given=views_given(cycle=cycle))
        cycle.views_named = named
        cycle.save(update_fields=["views_named"])
        audit_record(
            action="cycle.views_naming_set",
            actor=actor,
            organisation=cycle.organisation,
            target=cycle,
            details={"cycle": cycle.name, "named": named},
        )
    return cycle


def domain_targets_save(
    *,
    cycle: AssessmentCycle,
    targets: dict[int, int | None],
    actor,
    expected_version: int | None = None,
) -> AssessmentCycle:
    """Set (or clear, with None) the target level per domain id for the next cycle, over
    the targets as they were at `expected_version` when the form was loaded: targets saved
    by someone else since are refused with `StaleEdit`."""
    role = role_of(actor, cycle.organisation_id)
    cycle_step_check(cycle, role, CycleStep.SET_TARGETS)
    codes = dict(
        Domain.objects.filter(framework=cycle.framework, is_active=True).values_list("pk", "code")
    )
    if not set(targets) <= codes.keys():
        raise DomainError(_("Choose targets only for this assessment's domain areas."))
    if any(level is not None and not 0 <= level <= RATING_MAX for level in targets.values()):
        raise DomainError(_("Choose a target level from the list."))
    with transaction.atomic():
        cycle = cycle_lock(cycle)
        version_claim(cycle, expected=expected_version, actor=actor, message=TARGETS_CHANGED)
        cycle.save(update_fields=list(VERSION_FIELDS))
        before = {
            codes[domain_id]: level
            for domain_id, level in DomainTarget.objects.filter(
                cycle=cycle, domain_id__in=targets
            ).values_list("domain_id", "level")
        }
        for domain_id, level in targets.items():
            if level is None:
                DomainTarget.objects.filter(cycle=cycle, domain_id=domain_id).delete()
            else:
                DomainTarget.objects.update_or_create(
                    cycle=cycle, domain_id=domain_id, defaults={"level": level, "set_by": actor}
                )
        changed = changes(before, {codes[pk]: level for pk, level in targets.items()})
        if changed:
            audit_record(
                action="cycle.targets_set",
                actor=actor,
                organisation=cycle.organisation,
                target=cycle,
                details={"cycle": cycle.name, "changed": changed},
            )
        targets_set(cycle=cycle)
    return cycle


def results_export_record(*, cycle: AssessmentCycle, actor) -> None:
    """Someone downloaded the cycle's scores as CSV: recorded, as every copy that leaves."""
    audit_record(
        action="results.exported",
        actor=actor,
        organisation=cycle.organisation,
        target=cycle,
        details={"cycle": cycle.name, "format": "csv"},
    )
