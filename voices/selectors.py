"""Reads for feedback rounds: a cycle's rounds, one round by its organisation or by its
public link, and what a round found, with figures only where enough people answered.

Disclosure control: a statement's figures are shown only once at least `MIN_GROUP`
people gave it an answer (Agree, Not sure or Disagree); a round's only once `MIN_GROUP`
people responded. A domain area's figure adds up only the statements that are shown, so
a hidden statement's counts cannot be worked out by taking the shown ones from the total.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from assessments.models import AssessmentCycle
from framework.models import Domain
from trauma_wales.ids import parse_id
from voices.models import (
    MIN_GROUP,
    Agreement,
    CommentDecision,
    FeedbackAnswer,
    FeedbackComment,
    FeedbackRound,
    FeedbackStatement,
)

# A statement is offered as a suggestion for the plan when at least this share disagreed.
DISAGREED_SHARE = 0.25


def in_ten(count: int, total: int) -> int:
    """`count` of `total` as "N in 10", rounded to the nearest whole person in ten."""
    return round(10 * count / total) if total else 0


@dataclass(frozen=True)
class StatementResult:
    statement: FeedbackStatement
    agree: int = 0
    not_sure: int = 0
    disagree: int = 0
    prefer_not: int = 0

    @property
    def answered(self) -> int:
        """Answers that say something: Agree, Not sure or Disagree."""
        return self.agree + self.not_sure + self.disagree

    @property
    def shown(self) -> bool:
        return self.answered >= MIN_GROUP

    @property
    def agree_in_ten(self) -> int:
        return in_ten(self.agree, self.answered)

    @property
    def disagree_in_ten(self) -> int:
        return in_ten(self.disagree, self.answered)

    @property
    def disagree_share(self) -> float:
        return self.disagree / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class DomainVoice:
    """What people said about one domain area: the shown statements that speak to it."""

    domain: Domain
    statements: list[StatementResult]

    @property
    def agree(self) -> int:
        return sum(s.agree for s in self.statements if s.shown)

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.statements if s.shown)

    @property
    def shown(self) -> bool:
        return any(s.shown for s in self.statements)

    @property
    def shown_statements(self) -> int:
        return sum(1 for s in self.statements if s.shown)

    @property
    def agree_in_ten(self) -> int:
        return in_ten(self.agree, self.answered)


@dataclass(frozen=True)
class RoundResults:
    feedback_round: FeedbackRound
    responses: int
    statements: list[StatementResult]
    comments: list[FeedbackComment] = field(default_factory=list)  # included ones

    @property
    def shown(self) -> bool:
        return self.responses >= MIN_GROUP

    @property
    def domains(self) -> list[DomainVoice]:
        by_domain: dict[int, list[StatementResult]] = defaultdict(list)
        domains: dict[int, Domain] = {}
        for result in self.statements:
            for domain in result.statement.domains.all():
                domains[domain.pk] = domain
                by_domain[domain.pk].append(result)
        ordered = sorted(domains.values(), key=lambda d: d.order)
        return [DomainVoice(domain=d, statements=by_domain[d.pk]) for d in ordered]

    @property
    def opened_on(self) -> date:
        return timezone.localdate(self.feedback_round.created_at)


def cycle_rounds(*, cycle: AssessmentCycle) -> list[FeedbackRound]:
    """The cycle's rounds, newest first, each with `response_count` and `waiting_count`
    (comments not read yet)."""
    return list(
        FeedbackRound.objects.filter(cycle=cycle).annotate(
            response_count=Count("responses", distinct=True),
            waiting_count=Count(
                "comments",
                filter=Q(comments__decision=CommentDecision.WAITING),
                distinct=True,
            ),
        )
    )


def rounds_to_follow(*, organisation) -> list[FeedbackRound]:
    """The organisation's rounds that are open now or have comments not read yet, newest
    first, with `response_count` and `waiting_count` (one query): the overview's section."""
    waiting = Q(comments__decision=CommentDecision.WAITING)
    return list(
        FeedbackRound.objects.filter(cycle__organisation=organisation)
        .annotate(
            response_count=Count("responses", distinct=True),
            waiting_count=Count("comments", filter=waiting, distinct=True),
        )
        .filter(FeedbackRound.open_condition() | Q(waiting_count__gt=0))
        .select_related("cycle")
    )


def round_in_cycle(*, cycle: AssessmentCycle, round_id: int) -> FeedbackRound:
    try:
        found = FeedbackRound.objects.get(cycle=cycle, pk=round_id)
    except FeedbackRound.DoesNotExist as missing:
        raise Http404("No such feedback round in this assessment") from missing
    found.cycle = cycle
    return found


def round_for_link(*, token: str) -> FeedbackRound | None:
    """The round a public link names, with its organisation, or None."""
    if not token or len(token) > 32:
        return None
    return (
        FeedbackRound.objects.select_related("cycle__organisation", "cycle__framework")
        .filter(token=token)
        .first()
    )


def round_statements(*, feedback_round: FeedbackRound) -> list[FeedbackStatement]:
    return list(feedback_round.statements.order_by("order"))


def statements_to_offer(*, cycle: AssessmentCycle, statement_set: str) -> QuerySet:
    """The statements a new round for this audience can ask, in their order."""
    return FeedbackStatement.objects.filter(
        framework_id=cycle.framework_id, audience=statement_set, is_active=True
    ).prefetch_related("domains")


def statement_in_framework(*, cycle: AssessmentCycle, statement_id) -> FeedbackStatement | None:
    """A statement of the cycle's framework version named in a request, or None."""
    number = parse_id(statement_id)
    if number is None:
        return None
    return (
        FeedbackStatement.objects.filter(framework_id=cycle.framework_id, pk=number)
        .prefetch_related("domains", "principles")
        .first()
    )


def _results(rounds: list[FeedbackRound], *, with_comments: bool) -> list[RoundResults]:
    """Results of several rounds in a fixed number of queries."""
    if not rounds:
        return []
    ids = [r.pk for r in rounds]
    counts = dict(
        FeedbackRound.objects.filter(pk__in=ids)
        .annotate(n=Count("responses"))
        .values_list("pk", "n")
    )
    tallies: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for round_id, statement_id, value, n in (
        FeedbackAnswer.objects.filter(response__round_id__in=ids)
        .values_list("response__round_id", "statement_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        tallies[(round_id, statement_id)][value] = n
    through = FeedbackRound.statements.through.objects.filter(feedbackround_id__in=ids)
    statements = {
        s.pk: s
        for s in FeedbackStatement.objects.filter(
            pk__in=through.values("feedbackstatement_id")
        ).prefetch_related("domains", "principles")
    }
    asked: dict[int, list[int]] = defaultdict(list)
    for round_id, statement_id in through.values_list("feedbackround_id", "feedbackstatement_id"):
        asked[round_id].append(statement_id)
    comments: dict[int, list[FeedbackComment]] = defaultdict(list)
    if with_comments:
        for comment in FeedbackComment.objects.filter(
            round_id__in=ids, decision=CommentDecision.INCLUDED
        ):
            comments[comment.round_id].append(comment)
    found = []
    for feedback_round in rounds:
        results = []
        for statement in sorted(
            (statements[pk] for pk in asked[feedback_round.pk]), key=lambda s: s.order
        ):
            tally = tallies.get((feedback_round.pk, statement.pk), {})
            results.append(
                StatementResult(
                    statement=statement,
                    agree=tally.get(Agreement.AGREE, 0),
                    not_sure=tally.get(Agreement.NOT_SURE, 0),
                    disagree=tally.get(Agreement.DISAGREE, 0),
                    prefer_not=tally.get(Agreement.PREFER_NOT, 0),
                )
            )
        found.append(
            RoundResults(
                feedback_round=feedback_round,
                responses=counts.get(feedback_round.pk, 0),
                statements=results,
                comments=comments[feedback_round.pk],
            )
        )
    return found


def round_results(*, feedback_round: FeedbackRound) -> RoundResults:
    """What one round found so far, open or closed (the lead's round page)."""
    return _results([feedback_round], with_comments=True)[0]


def round_comments(*, feedback_round: FeedbackRound) -> list[FeedbackComment]:
    """Every comment, for the lead to read: those not read yet first."""
    comments = list(FeedbackComment.objects.filter(round=feedback_round))
    waiting = [c for c in comments if c.decision == CommentDecision.WAITING]
    return waiting + [c for c in comments if c.decision != CommentDecision.WAITING]


def comment_in_round(*, feedback_round: FeedbackRound, comment_id) -> FeedbackComment | None:
    number = parse_id(comment_id)
    if number is None:
        return None
    comment = FeedbackComment.objects.filter(round=feedback_round, pk=number).first()
    if comment is not None:
        comment.round = feedback_round
    return comment


def cycle_voices(*, cycle: AssessmentCycle) -> list[RoundResults]:
    """What the cycle's closed rounds found, with the comments leads chose to include:
    what the results page and the board report show. A round still open is left out
    until it closes, so the figures people read do not move under them."""
    rounds = list(
        FeedbackRound.objects.filter(cycle=cycle)
        .exclude(FeedbackRound.open_condition())
        .order_by("created_at", "pk")
    )
    for feedback_round in rounds:
        feedback_round.cycle = cycle
    return _results(rounds, with_comments=True)


def disagreed_statements(*, cycle: AssessmentCycle) -> list[StatementResult]:
    """Statements of the cycle's closed rounds that at least a quarter of the people who
    answered disagreed with (and enough answered to show it), most disagreed first: what
    the action plan's suggestions offer. A statement asked in two rounds appears once,
    with the round where more disagreed."""
    best: dict[int, StatementResult] = {}
    for results in cycle_voices(cycle=cycle):
        for result in results.statements:
            if result.shown and result.disagree_share >= DISAGREED_SHARE:
                known = best.get(result.statement.pk)
                if known is None or result.disagree_share > known.disagree_share:
                    best[result.statement.pk] = result
    return sorted(best.values(), key=lambda r: (-r.disagree_share, r.statement.order))
