"""Feedback rounds: open one, change or close it, choose which comments to include, and
take one anonymous response.

A round's steps are checked against voices.policies and audited, like every change to an
organisation's data. A response is the exception: it is anonymous, and an audit entry
(with its time to the second) would say when someone answered, so responses are counted,
never recorded one by one (tests/test_audit_coverage.py lists this exception).
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import AssessmentCycle
from organisations.selectors import role_of
from trauma_wales.audit import audit_record, changes
from trauma_wales.errors import DomainError
from trauma_wales.versions import VERSION_FIELDS, version_claim
from voices.masking import mask_personal_details
from voices.models import (
    COMMENT_MAX_LENGTH,
    MIN_GROUP,
    RESPONSES_MAX,
    SUPPORT_MAX_LENGTH,
    Agreement,
    Audience,
    CommentDecision,
    FeedbackAnswer,
    FeedbackComment,
    FeedbackResponse,
    FeedbackRound,
    FeedbackStatement,
)
from voices.policies import RoundStep, round_step_check

STATEMENTS_MIN = 3
LONGEST_ROUND = timedelta(days=366)

NO_AUDIENCE = _("Choose who you are asking")
BAD_CLOSING_DATE = _("The closing date must be from today to a year from today")
TOO_FEW_STATEMENTS = _("Choose at least %(count)d statements to ask about")
WRONG_STATEMENTS = _("Choose statements from the list for this audience")
BAD_LIMIT = _("The most responses to accept must be a number from %(low)d to %(high)d")
SUPPORT_NEEDED = _("Say where people can find support, in English and in Welsh")
SUPPORT_TOO_LONG = _("Where to find support must be %(limit)d characters or fewer")
ROUND_CHANGED = _(
    "Someone changed this feedback round after you opened this page. What is saved now is "
    "shown below, and your changes are still in the form: check both and save again."
)
DECISION_CHANGED = _(
    "Someone else chose what to do with this comment after you opened this page. It is "
    "shown below as it is now."
)
ROUND_NOT_OPEN = _("This feedback round has closed. Thank you for wanting to take part.")
ROUND_FULL = _(
    "This feedback round has all the answers it can take. Thank you for wanting to take part."
)
NOTHING_GIVEN = _("Answer at least one statement, or write a comment, before you send")
BAD_ANSWER = _("Choose one of the answers for each statement you answer")
COMMENT_TOO_LONG = _("Your comment must be %(limit)d characters or fewer")


def _checked_round_details(closes_on: date, max_responses: int, support_en: str, support_cy: str):
    today = timezone.localdate()
    if not today <= closes_on <= today + LONGEST_ROUND:
        raise DomainError(BAD_CLOSING_DATE, field="closes_on")
    if not MIN_GROUP <= max_responses <= RESPONSES_MAX:
        raise DomainError(
            BAD_LIMIT % {"low": MIN_GROUP, "high": RESPONSES_MAX}, field="max_responses"
        )
    for name, text in (("support_en", support_en), ("support_cy", support_cy)):
        if not text.strip():
            raise DomainError(SUPPORT_NEEDED, field=name)
        if len(text) > SUPPORT_MAX_LENGTH:
            raise DomainError(SUPPORT_TOO_LONG % {"limit": SUPPORT_MAX_LENGTH}, field=name)


def _details(feedback_round: FeedbackRound) -> dict:
    return {
        "closes_on": feedback_round.closes_on.isoformat(),
        "max_responses": feedback_round.max_responses,
        "support_en": feedback_round.support_en,
        "support_cy": feedback_round.support_cy,
    }


def feedback_round_open(
    *,
    cycle: AssessmentCycle,
    audience: str,
    closes_on: date,
    statements: list[FeedbackStatement],
    max_responses: int,
    support_en: str,
    support_cy: str,
    actor,
) -> FeedbackRound:
    """Open a round: whom it asks, until when, and which statements."""
    round_step_check(None, role_of(actor, cycle.organisation_id), RoundStep.OPEN)
    if audience not in Audience.values:
        raise DomainError(NO_AUDIENCE, field="audience")
    wanted_set = Audience(audience).statement_set
    if any(
        s.framework_id != cycle.framework_id or not s.is_active or s.audience != wanted_set
        for s in statements
    ):
        raise DomainError(WRONG_STATEMENTS, field="statements")
    if len({s.pk for s in statements}) < STATEMENTS_MIN:
        raise DomainError(TOO_FEW_STATEMENTS % {"count": STATEMENTS_MIN}, field="statements")
    _checked_round_details(closes_on, max_responses, support_en, support_cy)
    with transaction.atomic():
        feedback_round = FeedbackRound.objects.create(
            cycle=cycle,
            audience=audience,
            closes_on=closes_on,
            max_responses=max_responses,
            support_en=support_en.strip(),
            support_cy=support_cy.strip(),
            created_by=actor,
        )
        feedback_round.statements.set(statements)
        audit_record(
            action="feedback_round.opened",
            actor=actor,
            organisation=cycle.organisation,
            target=feedback_round,
            details={
                "cycle": cycle.name,
                "audience": audience,
                "closes_on": closes_on.isoformat(),
                "statements": len(statements),
            },
        )
    return feedback_round


def feedback_round_update(
    *,
    feedback_round: FeedbackRound,
    closes_on: date,
    max_responses: int,
    support_en: str,
    support_cy: str,
    actor,
    expected_version: int | None,
) -> FeedbackRound:
    """Change an open round's closing date, limit or support text, over the version the
    page was opened at."""
    cycle = feedback_round.cycle
    round_step_check(feedback_round, role_of(actor, cycle.organisation_id), RoundStep.EDIT)
    _checked_round_details(closes_on, max_responses, support_en, support_cy)
    with transaction.atomic():
        locked = FeedbackRound.objects.select_for_update().get(pk=feedback_round.pk)
        version_claim(locked, expected=expected_version, actor=actor, message=ROUND_CHANGED)
        before = _details(locked)
        locked.closes_on = closes_on
        locked.max_responses = max_responses
        locked.support_en = support_en.strip()
        locked.support_cy = support_cy.strip()
        locked.save(
            update_fields=[
                "closes_on", "max_responses", "support_en", "support_cy", *VERSION_FIELDS
            ]
        )  # fmt: skip
        changed = changes(before, _details(locked))
        if changed:
            audit_record(
                action="feedback_round.updated",
                actor=actor,
                organisation=cycle.organisation,
                target=locked,
                details={"cycle": cycle.name, "audience": locked.audience, "changed": changed},
            )
    locked.cycle = cycle
    return locked


def feedback_round_close(
    *, feedback_round: FeedbackRound, actor, expected_version: int | None
) -> FeedbackRound:
    """Close a round now: its link stops taking answers, and what it found reaches the
    results page and the board report."""
    cycle = feedback_round.cycle
    role = role_of(actor, cycle.organisation_id)
    with transaction.atomic():
        locked = FeedbackRound.objects.select_for_update().get(pk=feedback_round.pk)
        round_step_check(locked, role, RoundStep.CLOSE)  # on the row as it is now
        version_claim(locked, expected=expected_version, actor=actor, message=ROUND_CHANGED)
        locked.closed_on = timezone.localdate()
        locked.save(update_fields=["closed_on", *VERSION_FIELDS])
        audit_record(
            action="feedback_round.closed",
            actor=actor,
            organisation=cycle.organisation,
            target=locked,
            details={
                "cycle": cycle.name,
                "audience": locked.audience,
                "responses": locked.responses.count(),
            },
        )
    locked.cycle = cycle
    return locked


def feedback_comment_decide(
    *, comment: FeedbackComment, decision: str, expected_decision: str, actor
) -> FeedbackComment:
    """Include a comment in what the round found, or leave it out; refused if someone chose
    differently since the page was opened (`expected_decision` is what it showed)."""
    feedback_round = comment.round
    cycle = feedback_round.cycle
    round_step_check(feedback_round, role_of(actor, cycle.organisation_id), RoundStep.READ_COMMENTS)
    if decision not in (CommentDecision.INCLUDED, CommentDecision.LEFT_OUT):
        raise DomainError(_("Choose whether to include the comment"), field="decision")
    with transaction.atomic():
        locked = FeedbackComment.objects.select_for_update().get(pk=comment.pk)
        if locked.decision != expected_decision:
            raise DomainError(DECISION_CHANGED)
        if locked.decision == decision:
            return locked
        locked.decision = decision
        locked.save(update_fields=["decision"])
        audit_record(
            action="feedback_comment.decided",
            actor=actor,
            organisation=cycle.organisation,
            target=feedback_round,
            details={
                "cycle": cycle.name,
                "audience": feedback_round.audience,
                "decision": decision,
            },
        )
    locked.round = feedback_round
    return locked


def feedback_response_submit(
    *, feedback_round: FeedbackRound, answers: dict[int, str], comment: str, language: str
) -> FeedbackResponse:
    """Keep one person's answers, and their comment masked and apart from them. The round
    is locked while its responses are counted, so two people sending the last place
    cannot both take it."""
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise DomainError(COMMENT_TOO_LONG % {"limit": COMMENT_MAX_LENGTH}, field="comment")
    if any(value not in Agreement.values for value in answers.values()):
        raise DomainError(BAD_ANSWER)
    if not answers and not comment:
        raise DomainError(NOTHING_GIVEN)
    today = timezone.localdate()
    language = "cy" if language == "cy" else "en"
    with transaction.atomic():
        locked = (
            FeedbackRound.objects.select_for_update()
            .select_related("cycle__organisation")
            .get(pk=feedback_round.pk)
        )
        if not locked.is_open:
            raise DomainError(ROUND_NOT_OPEN)
        if locked.is_full:
            raise DomainError(ROUND_FULL)
        asked = set(locked.statements.values_list("pk", flat=True))
        if set(answers) - asked:
            raise DomainError(BAD_ANSWER)
        response = FeedbackResponse.objects.create(
            round=locked, received_on=today, language=language
        )
        FeedbackAnswer.objects.bulk_create(
            FeedbackAnswer(response=response, statement_id=statement_id, value=value)
            for statement_id, value in answers.items()
        )
        if comment:
            organisation_words = frozenset(locked.cycle.organisation.name.split())
            FeedbackComment.objects.create(
                round=locked,
                text=mask_personal_details(comment, allowed=organisation_words),
                received_on=today,
                language=language,
            )
    return response


def feedback_round_export_record(*, feedback_round: FeedbackRound, actor) -> None:
    """Someone downloads a round's figures as CSV: checked, then recorded, as every copy
    that leaves."""
    cycle = feedback_round.cycle
    round_step_check(feedback_round, role_of(actor, cycle.organisation_id), RoundStep.DOWNLOAD)
    audit_record(
        action="feedback_round.exported",
        actor=actor,
        organisation=cycle.organisation,
        target=feedback_round,
        details={"cycle": cycle.name, "audience": feedback_round.audience, "format": "csv"},
    )
