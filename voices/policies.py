"""Who may do what with a feedback round, and when: the one place to read it.

A round is Open from the day a lead opens it until a lead closes it or its closing date
has passed; then it is Closed. Only leads run rounds: the round's own pages show comments
before anyone has chosen to include them. What a round found reaches every member through
the results page and the board report, once the round has closed.

Answering a round needs no account and no role: the public pages check only that the
round is open and has room (voices.services.feedback_response_submit).
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from trauma_wales.permissions import Capability
from trauma_wales.policies import NO_STEPS, Rule, Steps, open_steps, step_check
from voices.models import FeedbackRound

NEW, OPEN, CLOSED = "new", "open", "closed"
STATUS_LABELS = {NEW: _("Not opened yet"), OPEN: _("Open"), CLOSED: _("Closed")}
ALREADY_CLOSED = _("This feedback round has closed, so it cannot be changed.")


class RoundStep(StrEnum):
    OPEN = "open"  # open a new round for the cycle
    EDIT = "edit"  # its closing date, limit and support text
    CLOSE = "close"
    READ_COMMENTS = "read_comments"  # read comments and choose which to include
    DOWNLOAD = "download"  # its figures as CSV


ROUND_RULES: dict[RoundStep, Rule] = {
    RoundStep.OPEN: Rule(Capability.RUN_FEEDBACK, frozenset({NEW})),
    RoundStep.EDIT: Rule(Capability.RUN_FEEDBACK, frozenset({OPEN}), not_now=ALREADY_CLOSED),
    RoundStep.CLOSE: Rule(Capability.RUN_FEEDBACK, frozenset({OPEN}), not_now=ALREADY_CLOSED),
    RoundStep.READ_COMMENTS: Rule(Capability.RUN_FEEDBACK, frozenset({OPEN, CLOSED})),
    RoundStep.DOWNLOAD: Rule(Capability.RUN_FEEDBACK, frozenset({OPEN, CLOSED})),
}


def round_status(feedback_round: FeedbackRound | None) -> str:
    if feedback_round is None:
        return NEW
    return OPEN if feedback_round.is_open else CLOSED


def round_steps(feedback_round: FeedbackRound | None, role: str | None) -> Steps:
    """The steps open to a member with `role` (None: not a member) on this round, or on a
    round not opened yet (None)."""
    if role is None:
        return NO_STEPS
    return open_steps(ROUND_RULES, round_status(feedback_round), role)


def round_step_check(feedback_round: FeedbackRound | None, role: str | None, step: RoundStep):
    """Refuse `step` with a `DomainError` unless this role may take it now."""
    status = round_status(feedback_round)
    return step_check(
        ROUND_RULES, step, status=status, status_label=str(STATUS_LABELS[status]), role=role or ""
    )
