"""Consensus sessions: schedule one, and record what it agreed about each indicator.

Agreeing a rating in a session is how the organisation's answer is set, so recording an
outcome goes through the same locks and revision as the domain's question page
(assessments.services.answers): a facilitation page opened before someone saved that
domain is refused, and nothing is written. "Not agreed yet" leaves the answer as it is;
the indicator comes back at the next session.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    AssessmentCycle,
    ConsensusSession,
    Indicator,
    IndicatorAnswer,
    Outcome,
    Perspective,
    SessionItem,
)
from assessments.models.cycles import RATING_MAX
from assessments.models.sessions import GUESTS_MAX, SESSION_TEXT_MAX_LENGTH
from assessments.policies import CycleStep, cycle_step_check
from assessments.selectors.cycles import organisation_response_for
from assessments.services.answers import (
    NOT_APPLICABLE_NEEDS_REASON,
    _check_open,
    _claim_revision,
    _write_answers,
)
from assessments.services.reflections import TOO_LONG
from organisations.models import Membership
from organisations.selectors import role_of
from trauma_wales.audit import audit_record, changes
from trauma_wales.errors import DomainError
from trauma_wales.versions import VERSION_FIELDS, version_claim

NOT_MEMBERS = _("Choose people from this organisation's members.")
BAD_GUESTS = _("Say how many people took part, from 0 to %(limit)d for each perspective.")
NOT_IN_CYCLE = _("This indicator is not part of this assessment.")
AGREED_NEEDS_ONE = _("Choose the rating the group agreed, or “Not agreed yet”.")


def _checked_people(cycle: AssessmentCycle, members: list, guests: dict, guest_names: str):
    """The ids of `members`, once they and the counts of other people are checked."""
    member_ids = {user.pk for user in members}
    known = set(
        Membership.objects.filter(
            organisation_id=cycle.organisation_id, user_id__in=member_ids
        ).values_list("user_id", flat=True)
    )
    if member_ids - known:
        raise DomainError(NOT_MEMBERS, field="members")
    if set(guests) - set(Perspective.values) or any(
        not isinstance(n, int) or not 0 <= n <= GUESTS_MAX for n in guests.values()
    ):
        raise DomainError(BAD_GUESTS % {"limit": GUESTS_MAX})
    if len(guest_names) > SESSION_TEXT_MAX_LENGTH:
        raise DomainError(TOO_LONG % {"limit": SESSION_TEXT_MAX_LENGTH}, field="guest_names")
    return member_ids


def session_schedule(
    *,
    cycle: AssessmentCycle,
    held_on: date,
    members: list,
    guests: dict[str, int],
    guest_names: str,
    actor,
) -> ConsensusSession:
    """Record a session of the working group: when, and who took part (members by account;
    anyone else counted by perspective, named only if they chose to be)."""
    cycle_step_check(cycle, role_of(actor, cycle.organisation_id), CycleStep.RUN_SESSION)
    member_ids = _checked_people(cycle, members, guests, guest_names)
    with transaction.atomic():
        session = ConsensusSession.objects.create(
            cycle=cycle,
            held_on=held_on,
            guests={key: n for key, n in guests.items() if n},
            guest_names=guest_names.strip(),
            created_by=actor,
        )
        session.members.set(member_ids)
        audit_record(
            action="session.scheduled",
            actor=actor,
            organisation=cycle.organisation,
            target=cycle,
            details={
                "cycle": cycle.name,
                "held_on": held_on.isoformat(),
                "members": len(member_ids),
                "guests": session.guest_total,
            },
        )
    return session


SESSION_CHANGED = _(
    "Someone changed this session after you opened this page. What is saved now is shown "
    "below, and your changes are still in the form: check both and save again."
)


def session_update(
    *,
    session: ConsensusSession,
    held_on: date,
    members: list,
    guests: dict[str, int],
    guest_names: str,
    actor,
    expected_version: int | None,
) -> ConsensusSession:
    """Correct a session's date or who took part, over the version the page was opened
    at. What it decided stays as it was."""
    cycle = session.cycle
    cycle_step_check(cycle, role_of(actor, cycle.organisation_id), CycleStep.RUN_SESSION)
    member_ids = _checked_people(cycle, members, guests, guest_names)
    with transaction.atomic():
        locked = ConsensusSession.objects.select_for_update().get(pk=session.pk)
        version_claim(locked, expected=expected_version, actor=actor, message=SESSION_CHANGED)
        before = {
            "held_on": locked.held_on.isoformat(),
            "members": sorted(person.shown_name for person in locked.members.all()),
            "guests": locked.guest_total,
            "guest_names": locked.guest_names,
        }
        locked.held_on = held_on
        locked.guests = {key: n for key, n in guests.items() if n}
        locked.guest_names = guest_names.strip()
        locked.save(update_fields=["held_on", "guests", "guest_names", *VERSION_FIELDS])
        locked.members.set(member_ids)
        after = {
            "held_on": held_on.isoformat(),
            "members": sorted(person.shown_name for person in members),
            "guests": locked.guest_total,
            "guest_names": locked.guest_names,
        }
        changed = changes(before, after)
        if changed:
            audit_record(
                action="session.updated",
                actor=actor,
                organisation=cycle.organisation,
                target=cycle,
                details={"cycle": cycle.name, "held_on": held_on.isoformat(), "changed": changed},
            )
    locked.cycle = cycle
    return locked


@dataclass(frozen=True)
class SessionDecision:
    """What the group decided about one indicator: agreed on a rating (or that it does not
    apply), or not agreed yet; why, and actions to consider."""

    outcome: str
    score: int | None = None
    not_applicable: bool = False
    reason: str = ""
    actions: str = ""

    def check(self) -> None:
        if self.outcome not in Outcome.values:
            raise DomainError(AGREED_NEEDS_ONE)
        if self.outcome == Outcome.AGREED:
            rated = self.score is not None and 0 <= self.score <= RATING_MAX
            if rated == self.not_applicable:
                raise DomainError(AGREED_NEEDS_ONE)
            if self.not_applicable and not self.reason.strip():
                raise DomainError(NOT_APPLICABLE_NEEDS_REASON, field="reason")
        if max(len(self.reason), len(self.actions)) > SESSION_TEXT_MAX_LENGTH:
            raise DomainError(TOO_LONG % {"limit": SESSION_TEXT_MAX_LENGTH})


def _agreed_answer(existing: IndicatorAnswer | None, decision: SessionDecision) -> dict:
    """The organisation's answer once the rating is agreed: its notes kept (an answer that
    does not apply keeps the group's reason when it had no notes), priority dropped for
    one that does not apply."""
    evidence = existing.evidence if existing else ""
    if decision.not_applicable and not evidence.strip():
        evidence = decision.reason.strip()
    return {
        "score": None if decision.not_applicable else decision.score,
        "dont_know": False,
        "not_applicable": decision.not_applicable,
        "evidence": evidence,
        "priority": False if decision.not_applicable else bool(existing and existing.priority),
    }


def session_item_record(
    *,
    session: ConsensusSession,
    indicator: Indicator,
    decision: SessionDecision,
    expected_revision: int,
    actor,
) -> SessionItem:
    """Record the group's decision on `indicator` in `session`; an agreed rating becomes
    the organisation's answer in the same transaction. `expected_revision` is the domain
    section's revision when the page was opened."""
    cycle = session.cycle
    cycle_step_check(cycle, role_of(actor, cycle.organisation_id), CycleStep.RUN_SESSION)
    if indicator.framework_id != cycle.framework_id or not indicator.is_active:
        raise DomainError(NOT_IN_CYCLE)
    decision.check()
    response = organisation_response_for(cycle=cycle)
    domain_code = indicator.domain.code
    with transaction.atomic():
        _check_open(response, actor)
        _claim_revision(
            response=response, section=domain_code, expected=expected_revision, actor=actor
        )
        changed, values = {}, {}
        if decision.outcome == Outcome.AGREED:
            existing = IndicatorAnswer.objects.filter(response=response, indicator=indicator)
            values = _agreed_answer(existing.first(), decision)
            changed = _write_answers(
                model=IndicatorAnswer,
                response=response,
                key="indicator",
                values_by_id={indicator.pk: values},
                actor=actor,
            ).get(indicator.pk, {})
        item, _created = SessionItem.objects.update_or_create(
            session=session,
            indicator=indicator,
            defaults={
                "outcome": decision.outcome,
                "score": values["score"] if decision.outcome == Outcome.AGREED else None,
                "not_applicable": decision.outcome == Outcome.AGREED and decision.not_applicable,
                "reason": decision.reason.strip(),
                "actions": decision.actions.strip(),
                "recorded_by": actor,
            },
        )
        audit_record(
            action="session.item_recorded",
            actor=actor,
            organisation=cycle.organisation,
            target=response,
            details={
                "cycle": cycle.name,
                "section": domain_code,
                "held_on": session.held_on.isoformat(),
                "indicator": indicator.code,
                "outcome": decision.outcome,
                "reason": decision.reason.strip(),
                "changed": {indicator.code: changed} if changed else {},
            },
        )
    return item
