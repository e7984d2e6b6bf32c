"""Save one page of a response (a readiness theme, or one domain), all in one transaction.

Every save of a page increases its revision number. A form carries the revision it was
loaded at; if someone else saved the page since, the save is refused with
`StaleSectionError` and nothing is written, so nobody's answers are silently overwritten.
A save that changes any answer records one audit entry with each changed answer's values
before and after, by question code.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    READINESS_SECTION,
    CycleContributor,
    IndicatorAnswer,
    ReadinessAnswer,
    ReadinessTheme,
    ReadinessValue,
    Response,
    SectionRevision,
    readiness_revision_key,
)
from assessments.models.answers import answer_label
from assessments.policies import answering_check
from assessments.selectors.progress import incomplete_sections
from assessments.workflow import cycle_lock
from framework.models import Domain
from organisations.selectors import recipients_with_roles, role_of
from trauma_wales.audit import audit_record, changes
from trauma_wales.emails import email_send, recipient_for
from trauma_wales.errors import DomainError
from trauma_wales.permissions import Capability, Role, role_can

NOT_IN_SECTION = _("Some answers were for questions that are not on this page. Nothing was saved.")
NOT_APPLICABLE_NEEDS_REASON = _(
    "Say why this does not apply to your organisation: it is shown with the results"
)
NOT_APPLICABLE_NOT_PRIORITY = _(
    "Something that does not apply to you cannot be a priority for action: choose one or the other"
)


class StaleSectionError(DomainError):
    """Someone saved this section after the form was loaded."""

    def __init__(self, revision: SectionRevision):
        name = revision.updated_by.shown_name if revision.updated_by else _("someone else")
        super().__init__(
            _(
                "%(name)s saved this page after you opened it. Their answers are shown below. "
                "Check them, make your changes again and save."
            )
            % {"name": capfirst(name)}
        )
        self.revision = revision


@dataclass(frozen=True)
class IndicatorInput:
    score: int | None = None
    dont_know: bool = False
    evidence: str = ""
    priority: bool = False
    not_applicable: bool = False

    @property
    def label(self) -> str:
        return answer_label(
            self.score, dont_know=self.dont_know, not_applicable=self.not_applicable
        )

    def check(self) -> None:
        """Not applicable stands alone, with its reason in the evidence notes."""
        if not self.not_applicable:
            return
        if not self.evidence.strip():
            raise DomainError(NOT_APPLICABLE_NEEDS_REASON)
        if self.priority:
            raise DomainError(NOT_APPLICABLE_NOT_PRIORITY)

    def values(self) -> dict:
        """The answer row's fields: one kind of answer only."""
        return {
            "score": None if self.dont_know or self.not_applicable else self.score,
            "dont_know": self.dont_know and not self.not_applicable,
            "not_applicable": self.not_applicable,
            "evidence": self.evidence.strip(),
            "priority": self.priority,
        }


@dataclass(frozen=True)
class ReadinessInput:
    value: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        return str(ReadinessValue(self.value).label) if self.value else ""

    def check(self) -> None:
        if self.value == ReadinessValue.NOT_APPLICABLE and not self.note.strip():
            raise DomainError(NOT_APPLICABLE_NEEDS_REASON)


def _claim_revision(*, response: Response, section: str, expected: int, actor) -> SectionRevision:
    """Lock the section's revision row and check the form is not stale."""
    try:
        with transaction.atomic():
            SectionRevision.objects.get_or_create(response=response, section=section)
    except IntegrityError:
        pass  # created by a concurrent save; lock it below
    revision = (
        SectionRevision.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .get(response=response, section=section)
    )
    if revision.revision != expected:
        raise StaleSectionError(revision)
    revision.revision += 1
    revision.updated_by = actor
    revision.save(update_fields=["revision", "updated_by", "updated_at"])
    return revision


def _check_open(response: Response, actor) -> None:
    """The cycle is locked for this transaction, and the actor may answer `response` now."""
    cycle = cycle_lock(response.cycle)
    answering_check(cycle, response, actor, role_of(actor, cycle.organisation_id))


def _write_answers(
    *, model, response, key: str, values_by_id: dict[int, dict], actor
) -> dict[int, dict]:
    """Create or update one answer row per question; skip questions left entirely blank.
    Returns what changed: {question id: {field: [before, after]}}."""
    if not values_by_id:
        return {}
    fields = list(next(iter(values_by_id.values())))
    blank = {field: model._meta.get_field(field).get_default() for field in fields}
    changed_by_id = {}
    existing = {
        getattr(a, f"{key}_id"): a
        for a in model.objects.filter(response=response, **{f"{key}_id__in": values_by_id})
    }
    now = timezone.now()
    new, changed = [], []
    for question_id, values in values_by_id.items():
        answer = existing.get(question_id)
        if answer is None:
            if any(values.values()) or values.get("score") == 0:
                new.append(
                    model(
                        response=response, updated_by=actor, **{f"{key}_id": question_id}, **values
                    )
                )
                changed_by_id[question_id] = changes(blank, values)
        elif any(getattr(answer, k) != v for k, v in values.items()):
            changed_by_id[question_id] = changes({k: getattr(answer, k) for k in fields}, values)
            for k, v in values.items():
                setattr(answer, k, v)
            answer.updated_by, answer.updated_at = actor, now
            changed.append(answer)
    model.objects.bulk_create(new)
    model.objects.bulk_update(changed, [*fields, "updated_by", "updated_at"])
    return changed_by_id


def _audit_answers(
    *, response: Response, section: str, codes: dict[int, str], changed: dict[int, dict], actor
) -> None:
    if not changed:
        return
    cycle = response.cycle
    audit_record(
        action="answers.saved",
        actor=actor,
        organisation=cycle.organisation,
        target=response,
        details={
            "cycle": cycle.name,
            "section": section,
            "contributor": not response.is_organisation,
            "changed": {codes[question_id]: fields for question_id, fields in changed.items()},
        },
    )


def _views_finished(*, response: Response, actor, base_url: str) -> None:
    """A colleague asked for their views has now answered every section: recorded once,
    and whoever asked them is told (every lead, if that person no longer runs assessments
    here). Later changes to their answers tell nobody again."""
    if response.is_organisation:
        return
    cycle = response.cycle  # locked by `_check_open`: two saves cannot both finish
    asked = (
        CycleContributor.objects.select_related("invited_by")
        .filter(cycle=cycle, user=actor, finished_at__isnull=True)
        .first()
    )
    if asked is None or incomplete_sections(cycle=cycle, response=response):
        return
    asked.finished_at = timezone.now()
    asked.save(update_fields=["finished_at"])
    audit_record(
        action="cycle.contributor_finished",
        actor=actor,
        organisation=cycle.organisation,
        target=cycle,
        details={"cycle": cycle.name},
    )
    if not base_url:
        return
    inviter = asked.invited_by
    if (
        inviter is not None
        and inviter.is_active
        and role_can(role_of(inviter, cycle.organisation_id), Capability.RUN_ASSESSMENT)
    ):
        recipients = [recipient_for(inviter)]
    else:
        recipients = recipients_with_roles(organisation_id=cycle.organisation_id, roles=[Role.LEAD])
    page = reverse("assessments:contributors", args=[cycle.organisation.slug, cycle.pk])
    email_send(
        "assessments/emails/views_given",
        {"cycle": cycle, "member": actor, "organisation": cycle.organisation,
         "contributors_url": base_url.rstrip("/") + page},
        recipients,
        about=cycle,
        organisation=cycle.organisation,
    )  # fmt: skip


def domain_answers_save(
    *,
    response: Response,
    domain: Domain,
    answers: dict[int, IndicatorInput],
    expected_revision: int,
    actor,
    base_url: str = "",
) -> SectionRevision:
    """Save the answers to one domain's indicators (keyed by indicator id). A colleague
    who has now answered every section is recorded as finished (`_views_finished`; with
    `base_url`, which the pages give, whoever asked them is emailed)."""
    allowed = dict(
        domain.indicators.filter(
            framework_id=response.cycle.framework_id, is_active=True
        ).values_list("pk", "code")
    )
    if not set(answers) <= allowed.keys():
        raise DomainError(NOT_IN_SECTION)
    for given in answers.values():
        given.check()
    with transaction.atomic():
        _check_open(response, actor)
        revision = _claim_revision(
            response=response, section=domain.code, expected=expected_revision, actor=actor
        )
        changed = _write_answers(
            model=IndicatorAnswer,
            response=response,
            key="indicator",
            values_by_id={indicator_id: given.values() for indicator_id, given in answers.items()},
            actor=actor,
        )
        _audit_answers(
            response=response, section=domain.code, codes=allowed, changed=changed, actor=actor
        )
        _views_finished(response=response, actor=actor, base_url=base_url)
    return revision


def readiness_answers_save(
    *,
    response: Response,
    theme: ReadinessTheme,
    answers: dict[int, ReadinessInput],
    expected_revision: int,
    actor,
    base_url: str = "",
) -> SectionRevision:
    """Save the answers to one readiness theme's items (keyed by item id); as
    `domain_answers_save` for a colleague who has now answered every section."""
    allowed = dict(
        theme.items.filter(framework_id=response.cycle.framework_id, is_active=True).values_list(
            "pk", "code"
        )
    )
    if not set(answers) <= allowed.keys():
        raise DomainError(NOT_IN_SECTION)
    for given in answers.values():
        given.check()
    with transaction.atomic():
        _check_open(response, actor)
        revision = _claim_revision(
            response=response,
            section=readiness_revision_key(theme.code),
            expected=expected_revision,
            actor=actor,
        )
        changed = _write_answers(
            model=ReadinessAnswer,
            response=response,
            key="item",
            values_by_id={
                item_id: {"value": given.value, "note": given.note.strip()}
                for item_id, given in answers.items()
            },
            actor=actor,
        )
        _audit_answers(
            response=response,
            section=READINESS_SECTION,
            codes=allowed,
            changed=changed,
            actor=actor,
        )
        _views_finished(response=response, actor=actor, base_url=base_url)
    return revision
