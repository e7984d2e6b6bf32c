"""How feedback rounds read on a page: the colour of a comment's tag, and the sentence
that puts what people said beside the organisation's own score."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.selectors.scoring import Score
from framework.models import Domain
from voices.models import Audience, CommentDecision
from voices.selectors import RoundResults

DECISION_COLOURS = {
    CommentDecision.WAITING: "blue",
    CommentDecision.INCLUDED: "green",
    CommentDecision.LEFT_OUT: "grey",
}


def decision_colour(decision: str) -> str:
    return DECISION_COLOURS.get(CommentDecision(decision), "grey")


def agreed_sentence(*, audience: str, agree_in_ten: int, answered: int, statements: int) -> str:
    """The share of answers that agreed, as "6 in 10 people who use our services agreed,
    on average across 3 statements (35 answers)" (with one statement: "(7 answers to 1
    statement)")."""
    people = {
        Audience.PEOPLE: _("people who use our services"),
        Audience.STAFF: _("frontline staff"),
        Audience.VOLUNTEERS: _("volunteers"),
        Audience.PARTNERS: _("partners"),
    }[Audience(audience)]
    return ngettext(
        "%(count)d in 10 %(people)s agreed (%(answered)d answers to %(statements)d statement)",
        "%(count)d in 10 %(people)s agreed, on average across %(statements)d statements "
        "(%(answered)d answers)",
        statements,
    ) % {"count": agree_in_ten, "people": people, "answered": answered, "statements": statements}


@dataclass(frozen=True)
class DomainRow:
    """One domain area: our own score beside what one round's people said about it."""

    domain: Domain
    our_score: int | None
    told_us: str  # "4 in 10 ... agreed", or "" when too few answered to show it


@dataclass(frozen=True)
class RoundSummary:
    results: RoundResults
    rows: list[DomainRow]

    @property
    def audience_label(self) -> str:
        return str(Audience(self.results.feedback_round.audience).label)


def told_us(*, voices: list[RoundResults], domain_scores: list[Score]) -> list[RoundSummary]:
    """What the results page and the board report show of each closed round."""
    ours = {score.key: score.percentage for score in domain_scores}
    summaries = []
    for results in voices:
        audience = results.feedback_round.audience
        rows = [
            DomainRow(
                domain=voice.domain,
                our_score=ours.get(voice.domain.code),
                told_us=agreed_sentence(
                    audience=audience,
                    agree_in_ten=voice.agree_in_ten,
                    answered=voice.answered,
                    statements=voice.shown_statements,
                )
                if voice.shown and results.shown
                else "",
            )
            for voice in results.domains
        ]
        summaries.append(RoundSummary(results=results, rows=rows))
    return summaries
